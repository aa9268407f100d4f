import type {
  ScenarioConfig,
  CreateScenarioRequest,
  ListScenariosQuery,
  ScenarioResponse,
  UpdateScenarioRequest,
} from '@dialdeck/contracts/scenarios';
import type { CompanyRow } from '../../db/schema/database';
import { AppError, notFound, uniqueViolation } from '../../lib/errors';
import { toZonedIso } from '../../lib/time';
import type { StatsService } from '../stats/stats.service';
import type { ScenarioRow, ScenariosRepository, ScenarioValues } from './scenarios.repository';

const scenarioNotFound = () => notFound('Scenario not found.');

/**
 * Scenarios (PRODUCT.md "Scenario"): what an AI voice agent is told for a call. The config's
 * rules are ScenarioConfig's (packages/contracts/src/scenarios.ts); the rules here: a name is
 * unique in the company, and a scenario that recorded calls name cannot be deleted — it is
 * deactivated instead, so the call log and the statistics keep their label.
 */
export class ScenariosService {
  constructor(
    private readonly repo: ScenariosRepository,
    private readonly stats: Pick<StatsService, 'scenarioCalls'>,
  ) {}

  async list(scope: CompanyRow, q: Pick<ListScenariosQuery, 'is_active' | 'search' | 'skip' | 'limit'>) {
    const { rows, total } = await this.repo.list(
      scope.id,
      { is_active: q.is_active === undefined ? undefined : q.is_active === 'true', search: q.search || undefined },
      q.skip,
      q.limit,
    );
    return { items: await this.views(scope, rows), total };
  }

  async get(scope: CompanyRow, id: number): Promise<ScenarioResponse> {
    const row = await this.repo.get(scope.id, id);
    if (!row) throw scenarioNotFound();
    return (await this.views(scope, [row]))[0]!;
  }

  async create(scope: CompanyRow, req: CreateScenarioRequest): Promise<ScenarioResponse> {
    const id = await this.write(() => this.repo.insert(scope.id, values(req) as ScenarioValues & CreateScenarioRequest));
    return this.get(scope, id);
  }

  async update(scope: CompanyRow, id: number, req: UpdateScenarioRequest): Promise<ScenarioResponse> {
    if (!(await this.write(() => this.repo.update(scope.id, id, values(req))))) throw scenarioNotFound();
    return this.get(scope, id);
  }

  /** 409 naming who uses it while recorded calls do (the foreign key of migration 0025 decides, race-free). */
  async remove(scope: CompanyRow, id: number): Promise<void> {
    let deleted: boolean;
    try {
      deleted = await this.repo.delete(scope.id, id);
    } catch (e) {
      const fk = e as { code?: string; constraint?: string };
      if (fk.code !== '23503' || fk.constraint !== 'call_results_scenario_fk') throw e;
      const calls = (await this.stats.scenarioCalls(scope.id)).get(id) ?? 0;
      throw new AppError('CONFLICT', `Used by ${calls} recorded ${calls === 1 ? 'call' : 'calls'}; deactivate it instead.`, {
        fields: { id: `used by ${calls} recorded ${calls === 1 ? 'call' : 'calls'}` },
      });
    }
    if (!deleted) throw scenarioNotFound();
  }

  /** Which of these ids are scenarios of the company (report-result's check). */
  async existing(companyId: number, ids: number[]): Promise<Set<number>> {
    return ids.length === 0 ? new Set() : this.repo.existing(companyId, ids);
  }

  /** A write, with the unique name answered as 409 naming the field. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (uniqueViolation(e) === 'scenarios_name_key')
        throw new AppError('CONFLICT', 'A scenario with this name already exists.', { fields: { name: 'already a scenario' } });
      throw e;
    }
  }

  private async views(company: CompanyRow, rows: ScenarioRow[]): Promise<ScenarioResponse[]> {
    if (rows.length === 0) return [];
    const calls = await this.stats.scenarioCalls(company.id);
    const tz = company.timezone;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      display_name: r.display_name,
      is_active: r.is_active,
      // Validated by ScenarioConfig on the way in (a rule tightened later comes with a migration).
      config: r.config as ScenarioConfig,
      used_by: { calls: calls.get(r.id) ?? 0 },
      created_at: toZonedIso(r.created_at, tz),
      updated_at: toZonedIso(r.updated_at, tz),
    }));
  }
}

function values(req: UpdateScenarioRequest): ScenarioValues {
  const v: ScenarioValues = {};
  if (req.name !== undefined) v.name = req.name;
  if (req.display_name !== undefined) v.display_name = req.display_name;
  if (req.is_active !== undefined) v.is_active = req.is_active;
  if (req.config !== undefined) v.config = req.config;
  return v;
}
