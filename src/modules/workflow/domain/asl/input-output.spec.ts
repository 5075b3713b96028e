import { JsonValue, MapState, PassState, TaskState, WaitState } from './asl-types';
import { mapItemInput, mapItems, passStateResult, passThrough, processInput, processOutput } from './input-output';

const task = (fields: Partial<TaskState>): TaskState => ({ Type: 'Task', Resource: 'add', End: true, ...fields });
/** Stands in for the task: adds val1 and val2 of its effective input. */
const add = (input: JsonValue) => {
  const { val1, val2 } = input as { val1: number; val2: number };
  return val1 + val2;
};

describe('input-output', () => {
  const raw = { title: 'Numbers to add', numbers: { val1: 3, val2: 4 } };

  function run(state: TaskState): JsonValue {
    return processOutput(state, raw, add(processInput(state, raw)));
  }

  it('spec example: InputPath $.numbers + ResultPath $.sum keeps the raw input and adds the sum', () => {
    expect(run(task({ InputPath: '$.numbers', ResultPath: '$.sum' }))).toEqual({ ...raw, sum: 7 });
  });

  it('OutputPath then selects from the combined document', () => {
    expect(run(task({ InputPath: '$.numbers', ResultPath: '$.sum', OutputPath: '$.sum' }))).toBe(7);
    expect(run(task({ InputPath: '$.numbers', ResultPath: '$.sum', OutputPath: '$.numbers' }))).toEqual(raw.numbers);
  });

  it('ResultSelector reshapes the result before ResultPath: {"sum": 7}', () => {
    expect(run(task({ InputPath: '$.numbers', ResultSelector: { 'sum.$': '$' } }))).toEqual({ sum: 7 });
  });

  it('defaults: the result replaces the input', () => {
    expect(processOutput(task({}), raw, 7)).toBe(7);
  });

  it('ResultPath null discards the result and passes the raw input through', () => {
    expect(run(task({ InputPath: '$.numbers', ResultPath: null }))).toEqual(raw);
  });

  it('InputPath/OutputPath null yield an empty object', () => {
    expect(processInput(task({ InputPath: null }), raw)).toEqual({});
    expect(processOutput(task({ OutputPath: null }), raw, 7)).toEqual({});
  });

  it('Parameters are applied after InputPath, with `$$` from the context', () => {
    const state = task({ InputPath: '$.numbers', Parameters: { 'a.$': '$.val1', 'task.$': '$$.State.Name', k: 'v' } });
    expect(processInput(state, raw, { context: { State: { Name: 'Add' } } })).toEqual({ a: 3, task: 'Add', k: 'v' });
  });

  it('ResultPath is merged into the RAW input, not the effective input', () => {
    const state = task({ InputPath: '$.numbers', Parameters: { x: 1 }, ResultPath: '$.out' });
    expect(processOutput(state, raw, 'r')).toEqual({ ...raw, out: 'r' });
  });

  it('missing InputPath target is a States.Runtime error', () => {
    expect(() => processInput(task({ InputPath: '$.nope' }), raw)).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('Pass: Result overrides the effective input; without Result the input passes', () => {
    const pass: PassState = { Type: 'Pass', Result: { x: 0.38, y: 3.14 }, ResultPath: '$.coords', End: true };
    const input = { georefOf: 'Home' };
    expect(processOutput(pass, input, passStateResult(pass, processInput(pass, input)))).toEqual({
      georefOf: 'Home',
      coords: { x: 0.38, y: 3.14 },
    });
    const plain: PassState = { Type: 'Pass', End: true, InputPath: '$.a' };
    expect(processOutput(plain, { a: 1 }, passStateResult(plain, processInput(plain, { a: 1 })))).toBe(1);
  });

  it('Choice/Wait/Succeed pass InputPath then OutputPath', () => {
    const wait: WaitState = { Type: 'Wait', Seconds: 1, InputPath: '$.a', OutputPath: '$.b', End: true };
    expect(passThrough(wait, { a: { b: 2 } })).toBe(2);
  });

  it('Map: ItemsPath selects the array; ItemSelector builds each iteration input', () => {
    const map: MapState = {
      Type: 'Map',
      ItemsPath: '$.detail.items',
      ItemSelector: { 'parcel.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'ship.$': '$.detail.shipped' },
      ItemProcessor: { StartAt: 'S', States: { S: { Type: 'Succeed' } } },
      End: true,
    };
    const input = { detail: { shipped: 'yes', items: [{ p: 1 }, { p: 2 }] } };
    const items = mapItems(map, processInput(map, input));
    expect(items).toHaveLength(2);
    expect(mapItemInput(map, input, items[1], 1)).toEqual({ parcel: { p: 2 }, index: 1, ship: 'yes' });
    expect(mapItemInput({ ...map, ItemSelector: undefined }, input, items[0], 0)).toEqual({ p: 1 });
    expect(() => mapItems({ ...map, ItemsPath: '$.detail.shipped' }, input)).toThrow(/array/);
  });
});
