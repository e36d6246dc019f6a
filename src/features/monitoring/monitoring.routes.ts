import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryViewSchema } from '../../domain/schemas/audit-log.schemas.ts';
import { OrgParamsSchema } from '../../domain/schemas/common.schemas.ts';
import { FairnessCountsSchema } from '../../domain/schemas/metrics.schemas.ts';
import {
  AcknowledgeInputSchema,
  AlertListQuerySchema,
  CliRunInputSchema,
  MonitoringPlanInputSchema,
  MonitoringPlanListQuerySchema,
  MonitoringPlanPatchSchema,
  MonitoringPlanSchema,
  MonitoringRunListQuerySchema,
  MonitoringRunListSchema,
  MonitoringRunSchema,
  MonitoringRunSummarySchema,
  RaisedMonitoringRiskSchema,
  TrendQuerySchema,
  TrendSchema,
} from '../../domain/schemas/monitoring.schemas.ts';
import { requireOrgPrincipal } from '../../server/caller.ts';
import type { RouteContext } from '../../server/route-context.ts';
import { recordHistory } from '../audit-log/audit-log.service.ts';
import { formatBytes } from '../evidence/evidence-files.ts';
import { acknowledgeAlert, listAlerts, raiseRiskFromRun } from './monitoring-alert.service.ts';
import { createPlan, deletePlan, getPlan, listPlans, planIdOf, updatePlan } from './monitoring-plan.service.ts';
import { getRun, listRuns, planTrend, runIdOf } from './monitoring-run-query.service.ts';
import { recordCliRun, recordCountsRun, recordUploadRun, uploadFieldsOf } from './monitoring-run.service.ts';
import { MetricSlots } from './metric-slots.ts';
import { withDataFiles } from './monitoring-upload.ts';

const tags = ['monitoring'];
const BASE = '/api/orgs/:org/monitoring';
const PlanParamsSchema = OrgParamsSchema.extend({ id: z.string().min(1).max(64).describe('plan id or ref (MON-0001)') });
const RunParamsSchema = OrgParamsSchema.extend({ id: z.string().min(1).max(64).describe('run id or ref (RUN-0001)') });
/** Posted reports and counts can be larger than the API's 1 MiB default (a drift report over many columns). */
const REPORT_BODY_LIMIT = 16 * 1024 * 1024;

/** Monitoring plans, runs kept as evidence, and the alerts of breached runs (ISO/IEC 42001 9.1, A.6.2.6). */
export const monitoringRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, catalog, config }) => {
  // Scoped to these routes, like the evidence routes' own registration.
  await app.register(multipart, { throwFileSizeLimit: false });
  const principalOf = (request: FastifyRequest) => requireOrgPrincipal(db, request, (request.params as { org: string }).org);
  const maxBytes = config.evidence.maxUploadBytes;
  // Uploaded data is computed on in this process: at most this many computations at once.
  const slots = new MetricSlots(config.metricsConcurrency);

  // ---------- plans ----------

  app.get(
    `${BASE}/plans`,
    {
      schema: {
        tags,
        summary: 'Monitoring plans by ref (filter by AI system, status, overdue)',
        params: OrgParamsSchema,
        querystring: MonitoringPlanListQuerySchema,
        response: { 200: z.array(MonitoringPlanSchema) },
      },
    },
    async (request) => listPlans(db, await principalOf(request), catalog, request.query),
  );

  app.post(
    `${BASE}/plans`,
    {
      schema: {
        tags,
        summary: 'Add a monitoring plan for an AI system',
        description: 'Its first run is due the day it is created; each run makes the next one due a period later.',
        params: OrgParamsSchema,
        body: MonitoringPlanInputSchema,
        response: { 201: MonitoringPlanSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createPlan(db, await principalOf(request), catalog, request.body)),
  );

  app.get(
    `${BASE}/plans/:id`,
    { schema: { tags, summary: 'One monitoring plan', params: PlanParamsSchema, response: { 200: MonitoringPlanSchema } } },
    async (request) => getPlan(db, await principalOf(request), catalog, request.params.id),
  );

  app.patch(
    `${BASE}/plans/:id`,
    {
      schema: {
        tags,
        summary: 'Change a monitoring plan (send the version you read; 409 when stale)',
        description: 'The AI system is fixed. Runs already made keep the thresholds they were judged by.',
        params: PlanParamsSchema,
        body: MonitoringPlanPatchSchema,
        response: { 200: MonitoringPlanSchema },
      },
    },
    async (request) => updatePlan(db, await principalOf(request), catalog, request.params.id, request.body),
  );

  app.delete(
    `${BASE}/plans/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a monitoring plan; its runs and their evidence stay',
        params: PlanParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePlan(db, await principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${BASE}/plans/:id/history`,
    {
      schema: {
        tags,
        summary: 'Audit history of a monitoring plan, newest first',
        params: PlanParamsSchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await planIdOf(db, principal, request.params.id));
    },
  );

  app.get(
    `${BASE}/plans/:id/trend`,
    {
      schema: {
        tags,
        summary: "One metric across the plan's runs, oldest first, and the metric keys there are",
        params: PlanParamsSchema,
        querystring: TrendQuerySchema,
        response: { 200: TrendSchema },
      },
    },
    async (request) => planTrend(db, await principalOf(request), request.params.id, request.query.key),
  );

  // ---------- runs ----------

  app.post(
    `${BASE}/plans/:id/runs`,
    {
      schema: {
        tags,
        summary: 'Run the plan on uploaded data (multipart/form-data) and keep the run as evidence',
        description:
          `A fairness or performance plan takes one file part "data"; a drift plan takes "reference" and "current". ` +
          `CSV or Parquet (told apart by content), at most ${formatBytes(maxBytes)} each (413 when larger). ` +
          'The files are read once and removed; the run keeps their SHA-256 and row counts. Unreadable data or a missing column is a 400 and stores nothing.',
        params: PlanParamsSchema,
        response: { 201: MonitoringRunSchema },
      },
    },
    async (request, reply) => {
      const principal = await principalOf(request);
      const fields = await uploadFieldsOf(db, principal, request.params.id);
      const run = await withDataFiles(request, reply, fields, maxBytes, (files) =>
        recordUploadRun(db, principal, catalog, request.params.id, files, slots),
      );
      return reply.status(201).send(run);
    },
  );

  app.post(
    `${BASE}/plans/:id/runs/counts`,
    {
      bodyLimit: REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Run a fairness plan on confusion counts computed in your own pipeline (no personal data sent)',
        params: PlanParamsSchema,
        body: FairnessCountsSchema,
        response: { 201: MonitoringRunSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordCountsRun(db, await principalOf(request), catalog, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/runs`,
    {
      bodyLimit: REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Keep a run computed by `trellis evaluate` on your machine (the raw data never leaves it)',
        description:
          "Trellis checks the report's metric and shape and recomputes the metric values and the plan's threshold outcomes itself. " +
          `At most ${formatBytes(REPORT_BODY_LIMIT)}.`,
        params: OrgParamsSchema,
        body: CliRunInputSchema,
        response: { 201: MonitoringRunSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordCliRun(db, await principalOf(request), catalog, request.body)),
  );

  app.get(
    `${BASE}/runs`,
    {
      schema: {
        tags,
        summary: 'Monitoring runs, newest first, a page at a time (without their reports)',
        params: OrgParamsSchema,
        querystring: MonitoringRunListQuerySchema,
        response: { 200: MonitoringRunListSchema },
      },
    },
    async (request) => listRuns(db, await principalOf(request), request.query),
  );

  app.get(
    `${BASE}/runs/:id`,
    { schema: { tags, summary: 'One run with its full report', params: RunParamsSchema, response: { 200: MonitoringRunSchema } } },
    async (request) => getRun(db, await principalOf(request), request.params.id),
  );

  app.get(
    `${BASE}/runs/:id/history`,
    {
      schema: {
        tags,
        summary: 'Audit history of a run (recorded, acknowledged, risk raised), newest first',
        params: RunParamsSchema,
        response: { 200: z.array(AuditEntryViewSchema) },
      },
    },
    async (request) => {
      const principal = await principalOf(request);
      return recordHistory(db, principal, await runIdOf(db, principal, request.params.id));
    },
  );

  // ---------- alerts ----------

  app.get(
    `${BASE}/alerts`,
    {
      schema: {
        tags,
        summary: 'Breached runs whose alert is open (or in the state asked for), newest first',
        params: OrgParamsSchema,
        querystring: AlertListQuerySchema,
        response: { 200: z.array(MonitoringRunSummarySchema) },
      },
    },
    async (request) => listAlerts(db, await principalOf(request), request.query),
  );

  app.post(
    `${BASE}/runs/:id/acknowledge`,
    {
      schema: {
        tags,
        summary: "Acknowledge a breached run's alert with a note",
        params: RunParamsSchema,
        body: AcknowledgeInputSchema,
        response: { 200: MonitoringRunSummarySchema },
      },
    },
    async (request) => acknowledgeAlert(db, await principalOf(request), request.params.id, request.body),
  );

  app.post(
    `${BASE}/runs/:id/raise-risk`,
    {
      schema: {
        tags,
        summary: 'Raise a risk from a breached run (once; 409 when one was raised)',
        description:
          "The risk names the failed thresholds and the measured values, concerns the run's AI system and names the run's controls in its treatment; the run's evidence is linked to it.",
        params: RunParamsSchema,
        response: { 201: RaisedMonitoringRiskSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await raiseRiskFromRun(db, await principalOf(request), catalog, request.params.id)),
  );
};
