import { budgetGate, markingAlso, OPEN_GATE } from '../../../../src/domain/nudges/send-gates';
import type { SendPace } from '../../../../src/domain/ports/send-gate';

describe('send gates', () => {
  it('an open gate lets every request through and every card go', async () => {
    const release = await OPEN_GATE.place('card');
    expect(release).toEqual(expect.any(Function));
    expect(await OPEN_GATE.mark()).toBe(true);
  });

  it("a budget gate takes each request's place in the budget, frees it once however often it is told, and tells `placed` only for the card", async () => {
    const events: string[] = [];
    const pace: SendPace = async (reserved) => {
      events.push(reserved ? 'place with notice' : 'place');
      reserved?.();
      return () => events.push('freed');
    };
    const gate = budgetGate(pace, { placed: () => events.push('placed') });
    const chat = await gate.place('newChat');
    chat();
    chat();
    const card = await gate.place('card');
    card();
    card();
    expect(events).toEqual(['place', 'freed', 'place with notice', 'placed', 'freed']);
  });

  it('without a budget, a card is placed at once', async () => {
    const placed = jest.fn();
    const gate = budgetGate(undefined, { placed });
    await gate.place('newChat');
    expect(placed).not.toHaveBeenCalled();
    await gate.place('card');
    expect(placed).toHaveBeenCalledTimes(1);
  });

  it("a budget gate's mark is the sender's own, and lets the card go when there is none", async () => {
    expect(await budgetGate(undefined).mark()).toBe(true);
    expect(await budgetGate(undefined, { mark: async () => false }).mark()).toBe(false);
  });

  it('marking also runs its own step only after the gate let the card go, and both must agree', async () => {
    const steps: string[] = [];
    const own = async () => {
      steps.push('nudge marked');
      return true;
    };
    const stopped = markingAlso(budgetGate(undefined, { mark: async () => (steps.push('delivery refused'), false) }), own);
    expect(await stopped.mark()).toBe(false);
    expect(steps).toEqual(['delivery refused']);
    const going = markingAlso(OPEN_GATE, own);
    expect(await going.mark()).toBe(true);
    expect(steps).toEqual(['delivery refused', 'nudge marked']);
    expect(await markingAlso(OPEN_GATE, async () => false).mark()).toBe(false);
  });
});
