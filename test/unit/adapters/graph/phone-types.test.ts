import { livePhoneTypes, reportPhoneTypes } from '../../../../src/adapters/graph/phone-types';
import { liveMethodKinds } from '../../../../src/adapters/graph/live-method-kinds';
import { reportMethodKinds } from '../../../../src/adapters/graph/report-method-kinds';

describe('phone types, as Entra stores them', () => {
  it('reads them from the registration report, in Entra order, once each', () => {
    expect(reportPhoneTypes(['officePhone', 'microsoftAuthenticatorPush', 'mobilePhone', 'officePhone'])).toEqual(['mobile', 'office']);
    expect(reportPhoneTypes(['alternateMobilePhone'])).toEqual(['alternateMobile']);
    expect(reportPhoneTypes(null)).toEqual([]);
  });

  it('reads them from the live methods, ignoring other methods and unknown types', () => {
    const methods = [
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneType: 'office' },
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneType: 'alternateMobile' },
      { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneType: 'satellite' },
      { '@odata.type': '#microsoft.graph.emailAuthenticationMethod' },
    ];
    expect(livePhoneTypes(methods)).toEqual(['alternateMobile', 'office']);
  });

  it('agrees with the method kinds: a mobile number takes texts, the others calls only', () => {
    expect(reportMethodKinds(['mobilePhone'])).toEqual(['sms']);
    expect(reportMethodKinds(['alternateMobilePhone'])).toEqual(['voice']);
    expect(reportMethodKinds(['officePhone'])).toEqual(['voice']);
    expect(liveMethodKinds([{ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', phoneType: 'office' }])).toEqual(['voice']);
  });
});
