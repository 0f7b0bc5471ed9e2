import { z } from 'zod';
import { brokerUrlProblem } from './broker-url';
import { endpointId, nonEmptyText, text } from './common';

const profileBase = { id: nonEmptyText(128), name: text(200), enabled: z.boolean() };
const port = z.number().int().min(1).max(65535);
const host = nonEmptyText(255).regex(/^[^\s/]+$/, 'must be a host name or address');
const filePath = nonEmptyText(4096);
const tls = z
  .strictObject({
    caFile: filePath.optional(),
    certFile: filePath.optional(),
    keyFile: filePath.optional(),
    rejectUnauthorized: z.boolean().optional(),
    requireClientCert: z.boolean().optional(),
    serverName: nonEmptyText(255).optional(),
  })
  .optional();
const password = z.string().max(1024).nullable().optional();

const webSocketListener = z.strictObject({
  ...profileBase,
  host,
  // 0 lets the system pick a free port (tests, --demo).
  port: z.number().int().min(0).max(65535),
  path: nonEmptyText(1024).regex(/^\//, 'must start with "/"'),
  tls,
});

const mqttBroker = z.strictObject({
  ...profileBase,
  url: nonEmptyText(2048).superRefine((url, ctx) => {
    const problem = brokerUrlProblem(url);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
  protocolVersion: z.union([z.literal(4), z.literal(5)]),
  clientId: text(256).optional(),
  username: text(256).optional(),
  password,
  controllerTopic: nonEmptyText(1024),
  agentTopicTemplate: text(1024).optional(),
  tls,
});

const stompBroker = z.strictObject({
  ...profileBase,
  host,
  port,
  virtualHost: text(255).optional(),
  username: text(256).optional(),
  password,
  controllerDestination: nonEmptyText(1024),
  agentDestinationTemplate: text(1024).optional(),
  tls,
});

const uniqueIds = <T extends { id: string }>(list: T[]) => new Set(list.map((p) => p.id)).size === list.length;

export const settingsSchemas = {
  getSettings: z.tuple([]),
  updateSettings: z.tuple([
    z.strictObject({
      controllerEndpointId: endpointId.optional(),
      webSocketListeners: z.array(webSocketListener).max(50).refine(uniqueIds, 'profile ids must be unique').optional(),
      mqttBrokers: z.array(mqttBroker).max(50).refine(uniqueIds, 'profile ids must be unique').optional(),
      stompBrokers: z.array(stompBroker).max(50).refine(uniqueIds, 'profile ids must be unique').optional(),
      approvalMode: z.enum(['auto-approve', 'hold', 'reject']).optional(),
      retention: z
        .strictObject({
          notificationDays: z.number().int().min(0).max(36500),
          traceDays: z.number().int().min(0).max(36500),
          maxTraceRows: z.number().int().min(0).max(1_000_000_000),
          traceRecordKiB: z.number().int().min(1).max(16_384).optional(),
          maxTraceMiB: z.number().int().min(0).max(1_048_576).optional(),
        })
        .optional(),
      requestTimeoutMs: z.number().int().min(100).max(3_600_000).optional(),
      certificates: z
        .strictObject({ trustedCaFile: filePath.nullable(), certFile: filePath.nullable(), keyFile: filePath.nullable() })
        .refine((c) => (c.certFile === null) === (c.keyFile === null), 'certFile and keyFile go together')
        .optional(),
    }),
  ]),
  getCertificates: z.tuple([]),
};
