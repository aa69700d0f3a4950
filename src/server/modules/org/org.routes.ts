import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  CreateEmployeeSchema,
  CreatePositionSchema,
  CreateUnitSchema,
  EmployeeListQuerySchema,
  EmployeeSchema,
  PositionSchema,
  UnitSchema,
  UpdateEmployeeSchema,
  UpdatePositionSchema,
  UpdateUnitSchema,
} from '../../../contracts/org.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createEmployee, getEmployee, listEmployees, updateEmployee } from './employees.service.ts';
import { createPosition, getPosition, listPositions, updatePosition } from './positions.service.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Units, positions (with authority) and employees: the organisation's structure. */
export function registerOrgRoutes(app: HttpApp, ctx: AppContext): void {
  const units = { tags: ['organisation'] };
  app.get('/api/v1/units', { schema: { ...units, querystring: ListQuerySchema, response: { 200: pageOf(UnitSchema), ...errors } } }, (req) =>
    listUnits(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/units', { schema: { ...units, body: CreateUnitSchema, response: { 201: UnitSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createUnit(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/units/:id', { schema: { ...units, params: IdParamsSchema, response: { 200: UnitSchema, ...errors } } }, (req) =>
    getUnit(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/units/:id',
    { schema: { ...units, params: IdParamsSchema, body: UpdateUnitSchema, response: { 200: UnitSchema, ...errors } } },
    (req) => updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );

  const positions = { tags: ['organisation'] };
  app.get(
    '/api/v1/positions',
    { schema: { ...positions, querystring: ListQuerySchema, response: { 200: pageOf(PositionSchema), ...errors } } },
    (req) => listPositions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/positions',
    { schema: { ...positions, body: CreatePositionSchema, response: { 201: PositionSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createPosition(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/positions/:id',
    { schema: { ...positions, params: IdParamsSchema, response: { 200: PositionSchema, ...errors } } },
    (req) => getPosition(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/positions/:id',
    { schema: { ...positions, params: IdParamsSchema, body: UpdatePositionSchema, response: { 200: PositionSchema, ...errors } } },
    (req) => updatePosition(ctx, actorOf(req), req.params.id, req.body),
  );

  const employees = { tags: ['organisation'] };
  app.get(
    '/api/v1/employees',
    {
      schema: {
        ...employees,
        querystring: z.object({ ...ListQuerySchema.shape, ...EmployeeListQuerySchema.shape }),
        response: { 200: pageOf(EmployeeSchema), ...errors },
      },
    },
    (req) => listEmployees(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/employees',
    { schema: { ...employees, body: CreateEmployeeSchema, response: { 201: EmployeeSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createEmployee(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/employees/:id',
    { schema: { ...employees, params: IdParamsSchema, response: { 200: EmployeeSchema, ...errors } } },
    (req) => getEmployee(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/employees/:id',
    { schema: { ...employees, params: IdParamsSchema, body: UpdateEmployeeSchema, response: { 200: EmployeeSchema, ...errors } } },
    (req) => updateEmployee(ctx, actorOf(req), req.params.id, req.body),
  );
}
