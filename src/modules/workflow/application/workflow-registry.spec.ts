import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidDefinitionError } from '../domain/asl/definition-validator';
import { WorkflowRegistry } from './workflow-registry';
// The modules' task commands register themselves with @WorkflowTask when imported.
import '../../invoices';
import '../../orders';

const MODULES = join(__dirname, '../..');
const SHIPPED = [
  ['order-fulfilment', 'orders/workflows/order-fulfilment.asl.json'],
  ['invoice-processing', 'invoices/workflows/invoice-processing.asl.json'],
] as const;

describe('WorkflowRegistry', () => {
  it.each(SHIPPED)('accepts the shipped %s definition: valid ASL whose every task is registered', (name, file) => {
    const registry = new WorkflowRegistry();
    registry.register(name, JSON.parse(readFileSync(join(MODULES, file), 'utf8')));
    expect(registry.get(name).definition.StartAt).toEqual(expect.any(String));
  });

  it('refuses a definition on its first use, before anything runs it, and keeps refusing', () => {
    const registry = new WorkflowRegistry();
    registry.register('broken', { StartAt: 'Missing', States: { Only: { Type: 'Succeed' } } });
    registry.register('unknown-task', { StartAt: 'T', States: { T: { Type: 'Task', Resource: '${NobodyImplementsThis}', End: true } } });
    expect(() => registry.get('broken')).toThrow(InvalidDefinitionError);
    expect(() => registry.get('broken')).toThrow(/Missing/);
    expect(() => registry.get('unknown-task')).toThrow(/NobodyImplementsThis} does not name a registered @WorkflowTask/);
    expect(registry.names()).toEqual(['broken', 'unknown-task']);
  });
});
