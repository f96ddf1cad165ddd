import { withGroupFound } from '../../../src/use-cases/preview-campaign';

const STAFF = { id: '6f1c1d2e-0000-4000-8000-000000000001', displayName: 'All staff' };
const form = (groupId: string) => ({ name: 'Everyone in a group', scope: 'group', groupId });

describe('a campaign group given by its name', () => {
  const named = (groups: { id: string; displayName: string }[]) => ({ groupsNamed: async () => groups });

  it('is replaced by the id of the one group so named', async () => {
    expect(await withGroupFound(named([STAFF]), form('All staff'))).toEqual({ form: form(STAFF.id) });
  });

  it('says when no group has the name, and when several do, with their ids', async () => {
    expect(await withGroupFound(named([]), form('Al staff'))).toEqual({
      problems: ['No Entra group is named "Al staff": check its name in the Entra admin center, or give its object id.'],
    });
    const twin = { ...STAFF, id: '6f1c1d2e-0000-4000-8000-000000000002' };
    const several = await withGroupFound(named([STAFF, twin]), form('All staff'));
    expect(several).toEqual({ problems: [expect.stringContaining(`${STAFF.id}, ${twin.id}`)] });
  });

  it('says when Graph cannot be asked, and leaves an id, another audience and a form without names as they are', async () => {
    const failing = { groupsNamed: async () => Promise.reject(new Error('403')) };
    expect(await withGroupFound(failing, form('All staff'))).toEqual({ problems: [expect.stringContaining("couldn't look up the group")] });
    let asked = 0;
    const counting = { groupsNamed: async () => (asked++, [STAFF]) };
    expect(await withGroupFound(counting, form(STAFF.id))).toEqual({ form: form(STAFF.id) });
    expect(await withGroupFound(counting, { ...form('All staff'), scope: 'all' })).toEqual({
      form: { ...form('All staff'), scope: 'all' },
    });
    expect(await withGroupFound(undefined, form('All staff'))).toEqual({ form: form('All staff') });
    expect(asked).toBe(0);
  });
});
