// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate requests
// (src/shared/jobs), so the document and the server cannot disagree.

import { z } from 'zod';
import { agentGroupInputSchema } from '../../../../../shared/jobs/groups';
import { agentSchema, apiErrorSchema, jobDetailSchema, jobListQuerySchema, jobPageSchema, jobPreviewSchema, jobSummarySchema, reportRowSchema, retryBodySchema } from '../../../../../shared/jobs/api-schemas';
import { jobFileSchema } from '../../../../../shared/jobs/job-file';

type Schema = Record<string, unknown>;

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output'): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema;
  return rest;
};

const errorResponses = (...codes: number[]): Schema =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'bad input: the message says what was wrong',
  401: 'no or wrong bearer token (cookies are not accepted here)',
  404: 'no such job or agent',
  409: 'the job is not in a state that allows this',
};

const ok = (description: string, ref: string, array = false): Schema => ({
  '200': { description, content: { 'application/json': { schema: array ? { type: 'array', items: { $ref: ref } } : { $ref: ref } } } },
});

/** The query parameters of a zod object schema, each with its JSON Schema and description. */
function queryParameters(schema: z.ZodObject): Schema[] {
  const doc = json(schema, 'input') as { properties: Record<string, Schema & { description?: string }>; required?: string[] };
  return Object.entries(doc.properties).map(([name, { description, ...s }]) => ({
    name,
    in: 'query',
    required: doc.required?.includes(name) ?? false,
    ...(description ? { description } : {}),
    schema: s,
  }));
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

function jobAction(action: string, summary: string, body?: string): Schema {
  return {
    post: {
      operationId: `${action}Job`,
      summary,
      parameters: [idParam],
      ...(body ? { requestBody: { required: false, content: { 'application/json': { schema: { $ref: body } } } } } : {}),
      responses: { ...ok('the job after the action', '#/components/schemas/JobSummary'), ...errorResponses(400, 401, 404, 409) },
    },
  };
}

export function openApiDocument(version: string): Schema {
  return {
    openapi: '3.1.0',
    info: { title: 'USP Console automation API', version, description: 'Bulk jobs over the agents this console manages. Every request needs `Authorization: Bearer <token>` (the token `usp-console serve` prints).' },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths: {
      '/agents': { get: { operationId: 'listAgents', summary: 'agents known to the console', responses: { ...ok('agents', '#/components/schemas/Agent', true), ...errorResponses(401) } } },
      '/agents/{endpointId}/approve': {
        post: {
          operationId: 'approveAgent',
          summary: 'let a held agent in',
          parameters: [{ name: 'endpointId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { ...ok('the agent', '#/components/schemas/Agent'), ...errorResponses(401, 404) },
        },
      },
      '/jobs/preview': {
        post: {
          operationId: 'previewJob',
          summary: 'what a job would do, per agent, from the cache (nothing is sent)',
          parameters: [{ name: 'refresh', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] }, description: 'read fresh values from online agents first' }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/JobFile' } } } },
          responses: { ...ok('the preview', '#/components/schemas/JobPreview'), ...errorResponses(400, 401) },
        },
      },
      '/jobs': {
        get: {
          operationId: 'listJobs',
          summary: 'jobs, newest first, one page at a time (follow `next` with `before`)',
          parameters: queryParameters(jobListQuerySchema),
          responses: { ...ok('one page of jobs', '#/components/schemas/JobPage'), ...errorResponses(400, 401) },
        },
        post: {
          operationId: 'startJob',
          summary: 'start a job',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/JobFile' } } } },
          responses: { '201': { description: 'the job', content: { 'application/json': { schema: { $ref: '#/components/schemas/JobSummary' } } } }, ...errorResponses(400, 401) },
        },
      },
      '/jobs/{id}': { get: { operationId: 'getJob', summary: 'state, counts and per-agent steps', parameters: [idParam], responses: { ...ok('the job', '#/components/schemas/JobDetail'), ...errorResponses(401, 404) } } },
      '/jobs/{id}/pause': jobAction('pause', 'stop starting agents'),
      '/jobs/{id}/resume': jobAction('resume', 'go on after a pause'),
      '/jobs/{id}/cancel': jobAction('cancel', 'end the job; agents not started are cancelled'),
      '/jobs/{id}/retry': jobAction('retry', 'queue the failed steps again: all, or those matching every criterion given (error code, model, software version, agents)', '#/components/schemas/RetryRequest'),
      '/jobs/{id}/rollback': jobAction('rollback', 'a new job restoring what a set job changed, or deleting what an add job created'),
      '/jobs/{id}/report': {
        get: {
          operationId: 'jobReport',
          summary: 'one row per agent and path',
          parameters: [idParam, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'] } }],
          responses: {
            '200': { description: 'the report', content: { 'application/json': { schema: { type: 'object', properties: { job: { $ref: '#/components/schemas/JobSummary' }, rows: { type: 'array', items: { $ref: '#/components/schemas/ReportRow' } } } } }, 'text/csv': { schema: { type: 'string' } } } },
            ...errorResponses(400, 401, 404),
          },
        },
      },
      '/groups': {
        get: { operationId: 'listGroups', summary: 'saved selections with their resolved count', responses: { '200': { description: 'groups' }, ...errorResponses(401) } },
        post: { operationId: 'saveGroup', summary: 'save a selection', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/GroupInput' } } } }, responses: { '200': { description: 'the group' }, ...errorResponses(400, 401) } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: json(apiErrorSchema),
        Agent: json(agentSchema),
        JobFile: json(jobFileSchema, 'input'),
        JobPreview: json(jobPreviewSchema),
        JobSummary: json(jobSummarySchema),
        JobDetail: json(jobDetailSchema),
        JobPage: json(jobPageSchema),
        RetryRequest: json(retryBodySchema, 'input'),
        ReportRow: json(reportRowSchema),
        GroupInput: json(agentGroupInputSchema, 'input'),
      },
    },
  };
}
