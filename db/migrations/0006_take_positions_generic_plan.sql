-- take_positions_batch (migration 0005) again, with two changes that measured faster on PGlite
-- (bench/README.md has the figures):
--
-- 1. It always runs its generic plan. PL/pgSQL caches the statement's plan, but the plan cache
--    kept choosing a custom plan, planned anew on every call, because its estimate for the
--    generic one (json_to_recordset and arrays of unknown size) was higher: 2 ms of planning per
--    batch in WebAssembly. The generic plan looks every id up by index.
-- 2. It returns each measure's counts as one compact string, "camp group stance count" joined by
--    commas, instead of one JSON object per count: building and parsing those objects cost more
--    than counting.
--
-- p_input: the batch, [{ i, user_id, measure_id, stance, rationale, client_id }], one per member
-- and measure; p_measure_ids: the batch's measures; p_open_statuses: the statuses that take
-- positions (lib/lifecycle.ts); p_updated_at: the time the batch's positions are written.
create or replace function take_positions_batch(
  p_input json,
  p_measure_ids uuid[],
  p_open_statuses measure_status[],
  p_updated_at timestamptz
) returns table (contexts json, written json, seqs json, tallies json)
language plpgsql
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
    with input as (
      select * from json_to_recordset(p_input)
        as r(i int, user_id uuid, measure_id uuid, stance stance, rationale text, client_id uuid)
    ), ctx as (
      select input.*, m.forum_id, f.status as forum_status, m.status,
             exists (select 1 from measure_authors a where a.measure_id = m.id and a.member_id = mb.id) as is_author,
             mb.id as member_id, mb.role, mb.camp, mb.stakeholder_group, mb.delegation,
             p.stance as previous_stance, p.rationale as previous_rationale, p.camp as previous_camp,
             p.stakeholder_group as previous_group, p.updated_at as previous_updated_at
      from input
      join measures m on m.id = input.measure_id
      join forums f on f.id = m.forum_id
      join members mb on mb.forum_id = m.forum_id and mb.user_id = input.user_id and mb.removed_at is null
      left join positions p on p.measure_id = m.id and p.member_id = mb.id
    ), allowed as (
      select * from ctx
      where role <> 'observer' and status = any(p_open_statuses) and forum_status <> 'closed'
    ), up as (
      insert into positions (measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, updated_at)
      select measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, p_updated_at from allowed
      on conflict (measure_id, member_id) do update set stance = excluded.stance, rationale = excluded.rationale,
        camp = excluded.camp, stakeholder_group = excluded.stakeholder_group, client_id = excluded.client_id,
        updated_at = excluded.updated_at
      where positions.client_id <> excluded.client_id
      returning measure_id, member_id
    ), changed as (
      select allowed.* from allowed join up using (measure_id, member_id)
    ), next_seq as (
      update forums f set seq = f.seq + c.n
      from (select forum_id, count(*)::int as n from changed group by forum_id) c
      where f.id = c.forum_id
      returning f.id, f.seq
    ), logged as (
      insert into audit_events (forum_id, actor_member_id, action, measure_id, before, after)
      select forum_id, member_id,
             case when previous_stance is null then 'position.taken' else 'position.changed' end,
             measure_id,
             case when previous_stance is not null then jsonb_build_object('stance', previous_stance, 'camp', previous_camp) end,
             jsonb_build_object('stance', stance, 'camp', camp, 'rationale', rationale)
      from changed
    )
    select (select json_agg(json_build_object(
              'i', i, 'forumId', forum_id, 'forumStatus', forum_status, 'status', status, 'isAuthor', is_author,
              'memberId', member_id, 'role', role, 'camp', camp, 'stakeholderGroup', stakeholder_group,
              'delegation', delegation, 'previousStance', previous_stance, 'previousRationale', previous_rationale,
              'previousCamp', previous_camp, 'previousGroup', previous_group,
              'previousUpdatedAt', to_char(previous_updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) from ctx) as contexts,
           (select json_agg(measure_id || ':' || member_id) from up) as written,
           (select json_agg(json_build_object('id', id, 'seq', seq)) from next_seq) as seqs,
           (select coalesce(json_agg(json_build_array(measure_id, counts)), '[]'::json) from (
              select measure_id, string_agg(concat_ws(' ', camp, stakeholder_group, stance, n), ',') as counts
              from (select measure_id, camp, stakeholder_group, stance, count(*)::int as n
                    from positions where measure_id = any(p_measure_ids)
                    group by measure_id, camp, stakeholder_group, stance) t
              group by measure_id) c) as tallies;
end
$$;
