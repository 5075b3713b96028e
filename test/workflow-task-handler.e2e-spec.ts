import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { CreateOrderCommand, CreateOrderDto, OrderStatus } from '../src/modules/orders';
import { ORDER_REPOSITORY, OrderRepository } from '../src/modules/orders/domain/order-repository.port';
import type { TaskContext } from '../src/modules/workflow';
import { createWorkflowTaskHandler } from '../src/workers/workflow-task.handler';
import { orderBody } from './support/order-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';

const EXECUTION_ARN = 'arn:aws:states:eu-west-1:123456789012:execution:mercantil-order-fulfilment:t1--order-42';

/** The context the Node.js runtime passes, as documented for a function behind a Task state. */
function lambdaContext(functionName: string): Context {
  const awsRequestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/03/01/[$LATEST]6f1c2d1e8b3a4c5d9e0f1a2b3c4d5e6f',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

describe('Workflow task Lambda (src/workers/workflow-task.handler.ts)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext | undefined;
  let boots = 0;
  // One app for both functions: on AWS each runs in its own container, here they share the PGlite copy.
  const create = async () => {
    boots++;
    app ??= await NestFactory.createApplicationContext(AppModule.forRoot({ ...process.env, ...database.env, SEED_DEMO: 'false' }), { bufferLogs: true });
    return app;
  };
  const processPayment = createWorkflowTaskHandler({ task: 'ProcessPayment', create });
  const arrangeShipment = createWorkflowTaskHandler({ task: 'ArrangeShipment', create });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await processPayment.close();
    await database?.drop();
  });

  const placeOrder = async (paymentMethod = 'pm_card_visa') => {
    const { order } = await app!.get(CommandBus).execute(new CreateOrderCommand('t1', orderBody({ paymentMethod }) as unknown as CreateOrderDto));
    return order.orderId;
  };
  const statusOf = async (orderId: string) => (await app!.get<OrderRepository>(ORDER_REPOSITORY).findById('t1', orderId))!.status;

  it('charges and then ships an order from the effective input Step Functions sends', async () => {
    // The first invocation boots the app; the order is placed through it afterwards.
    await expect(processPayment.handler({ tenantId: 't1', orderId: randomUUID() }, lambdaContext('mercantil-ProcessPayment'))).rejects.toMatchObject({
      name: 'Order.NotFound',
    });
    const orderId = await placeOrder();
    const payment = await processPayment.handler({ tenantId: 't1', orderId }, lambdaContext('mercantil-ProcessPayment'));
    expect(payment).toEqual({ transactionId: expect.stringMatching(/^ch_/), amount: '13.15', currency: 'EUR' });
    expect(await statusOf(orderId)).toBe(OrderStatus.PAYMENT_PROCESSED);

    const shipment = await arrangeShipment.handler({ tenantId: 't1', orderId }, lambdaContext('mercantil-ArrangeShipment'));
    expect(shipment).toMatchObject({ carrier: 'DHL', trackingNumber: expect.any(String), estimatedDeliveryDate: expect.any(String) });
    expect(await statusOf(orderId)).toBe(OrderStatus.SHIPPED);
  });

  it('rejects a declined card with an Error named Payment.Declined, the errorType the ASL catches', async () => {
    const orderId = await placeOrder('pm_card_chargeDeclined');
    const failure = await processPayment.handler({ tenantId: 't1', orderId }, lambdaContext('mercantil-ProcessPayment')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: 'Payment.Declined', message: expect.stringContaining('card_declined') });
    expect(await statusOf(orderId)).toBe(OrderStatus.PENDING);
  });

  it('hands the command a task context from the request id, or the execution ARN the state passes', async () => {
    const execute = jest.spyOn(app!.get(CommandBus), 'execute').mockResolvedValue({ ok: true });
    try {
      const context = lambdaContext('mercantil-ProcessPayment');
      expect(await processPayment.handler({ tenantId: 't1', orderId: 'o-1' }, context)).toEqual({ ok: true });
      expect(await processPayment.handler({ tenantId: 't1', orderId: 'o-1', executionId: EXECUTION_ARN }, context)).toEqual({ ok: true });
      const [plain, withArn] = execute.mock.calls.map(([command]) => command as ICommand & { input: unknown; context: TaskContext });
      expect(plain.input).toEqual({ tenantId: 't1', orderId: 'o-1' });
      expect(plain.context).toEqual({ executionId: context.awsRequestId, stateName: 'ProcessPayment', idempotencyKey: `lambda:${context.awsRequestId}`, attempt: 1 });
      expect(withArn.context.executionId).toBe(EXECUTION_ARN);
    } finally {
      execute.mockRestore();
    }
  });

  it('turns a thrown non-Error into an Error named Error, which States.TaskFailed catches', async () => {
    const execute = jest.spyOn(app!.get(CommandBus), 'execute').mockRejectedValueOnce('provider said no');
    try {
      const failure = await processPayment.handler({ tenantId: 't1', orderId: 'o-1' }, lambdaContext('mercantil-ProcessPayment')).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).toMatchObject({ name: 'Error', message: 'provider said no' });
    } finally {
      execute.mockRestore();
    }
  });

  it('fails the first invocation of a function whose WORKFLOW_TASK names no task, before booting', async () => {
    const before = boots;
    const misnamed = createWorkflowTaskHandler({ task: 'ProcesPayment', create });
    await expect(misnamed.handler({}, lambdaContext('mercantil-ProcesPayment'))).rejects.toThrow(
      /WORKFLOW_TASK="ProcesPayment" is not a registered @WorkflowTask \(registered: .*ProcessPayment/,
    );
    expect(boots).toBe(before);
  });

  it('boots the app context once per function and reuses it', () => {
    expect(boots).toBe(2); // one per function, both on the first invocation
  });
});
