import { sql } from 'kysely';
import { guestFacets } from '../../db/guest-facets.ts';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';

/**
 * Removes a deleted tag or group from every guest that carries it, and writes one history row
 * per changed guest (G-9) — all in one statement, so deleting a tag on 100k guests stays one
 * round trip. Tags are recorded by name (the deleted tag must still exist when this runs),
 * groups by id, as whole lists like every other list change.
 */
export async function detachFromGuests(ctx: Ctx, trx: TenantDb, kind: 'tag' | 'group', id: string): Promise<number> {
  const column = sql.raw(kind === 'tag' ? 'tag_ids' : 'group_ids');
  const field = kind === 'tag' ? 'tags' : 'groupIds';
  const org = ctx.orgId;
  const names = (ids: ReturnType<typeof sql>) =>
    kind === 'tag'
      ? sql`to_jsonb(array(select t.name from unnest(${ids}) with ordinality u(tid, n)
            join tag t on t.org_id = ${org} and t.id = u.tid order by u.n))`
      : sql`to_jsonb(${ids})`;
  const result = await sql<{ n: number }>`
    with old as (
      select id, ${column} as ids from guest
      where org_id = ${org} and ${guestFacets()} @> array[${id}]::text[]
      for update
    ), changed as (
      update guest g set ${column} = array_remove(g.${column}, ${id}), updated_at = now()
      from old where g.org_id = ${org} and g.id = old.id
      returning g.id
    ), history as (
      insert into guest_history
        (org_id, id, guest_id, actor_type, actor_id, actor_name, field, old_value, new_value, request_id, created_at)
      select ${org}, 'hst_' || md5(random()::text || old.id), old.id, ${ctx.actor.actorType}, ${ctx.actor.actorId},
        coalesce(
          (select s.name from staff_user s where s.org_id = ${org} and s.id = ${ctx.actor.actorId} and ${ctx.actor.actorType} = 'staff'),
          (select k.name from api_key k where k.org_id = ${org} and k.id = ${ctx.actor.actorId} and ${ctx.actor.actorType} = 'api_key')
        ),
        ${field}, ${names(sql`old.ids`)}, ${names(sql`array_remove(old.ids, ${id})`)}, ${ctx.requestId}, ${new Date()}
      from old
      returning 1
    )
    select count(*)::int as n from changed
  `.execute(trx);
  return Number(result.rows[0]?.n ?? 0);
}
