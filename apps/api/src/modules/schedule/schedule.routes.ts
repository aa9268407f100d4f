import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse } from '@dialdeck/contracts/common';
import {
  CreateHolidayRequest,
  CreateHolidayResponse,
  HolidayParams,
  ListHolidaysQuery,
  ListHolidaysResponse,
  ScheduleResponse,
  UpdateScheduleRequest,
} from '@dialdeck/contracts/schedule';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import { holidayView, scheduleView } from './schedule-view';
import type { ScheduleService } from './schedule.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function scheduleRoutes(app: App, deps: { guards: Guards; schedule: ScheduleService; companies: CompaniesService }) {
  const { guards, schedule, companies } = deps;
  const admin = guards.user('schedule.manage');
  const tags = ['schedule'];

  app.get('/api/schedule', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's calling schedule: flags, version and weekly windows",
      description:
        "Whether calling is enabled, whether holidays are skipped, the schedule's version and its weekly windows, in the company's time zone. Admins only.",
      querystring: CompanyScopeQuery,
      response: { 200: ScheduleResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return scheduleView(await schedule.get(scope), scope);
    },
  });

  app.put('/api/schedule', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Change the schedule: flags patched, windows (when given) replaced, version + 1',
      description:
        'Patches `enabled` and `skip_holidays`; `windows`, when given, replaces every window (overlapping or empty windows are 400 naming the window). Each change bumps `version`. Admins only.',
      querystring: CompanyScopeQuery,
      body: UpdateScheduleRequest,
      response: { 200: ScheduleResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return scheduleView(await schedule.update(scope, req.body), scope);
    },
  });

  app.get('/api/schedule/holidays', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's holidays of a year (calendar and its own)",
      description:
        "The holidays of one Gregorian year (`year`, default: the company's current year): the official calendar's (seeded once per year from the company's locale) and the company's own. Admins only.",
      querystring: ListHolidaysQuery,
      response: { 200: ListHolidaysResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return { items: (await schedule.listHolidays(scope, req.query.year)).map(holidayView) };
    },
  });

  app.post('/api/schedule/holidays', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Add a company holiday',
      description:
        'Adds a day off with a name (stored in Unicode NFKC, so presentation forms become ordinary letters). A date that is already a holiday is 409 naming `date`. Admins only.',
      querystring: CompanyScopeQuery,
      body: CreateHolidayRequest,
      response: { 201: CreateHolidayResponse, ...errors },
    },
    handler: async (req, reply) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return reply.status(201).send(holidayView(await schedule.addHoliday(scope, req.body)));
    },
  });

  app.delete('/api/schedule/holidays/:date', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Remove a holiday (a removed calendar date stays removed)',
      description:
        'Removes a holiday by its ISO date; 404 when the date is not a holiday. A removed calendar holiday is not seeded again. Admins only.',
      params: HolidayParams,
      querystring: CompanyScopeQuery,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      await schedule.deleteHoliday(scope, req.params.date);
      return reply.status(204).send();
    },
  });
}
