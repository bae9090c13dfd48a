CREATE TABLE "position_writes" (
	"measure_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	CONSTRAINT "position_writes_measure_id_member_id_client_id_pk" PRIMARY KEY("measure_id","member_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "position_writes" ADD CONSTRAINT "position_writes_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_writes" ADD CONSTRAINT "position_writes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Every position already stored was written with its client_id: a late retry of it must not apply.
insert into position_writes (measure_id, member_id, client_id) select measure_id, member_id, client_id from positions;
--> statement-breakpoint
-- take_positions_batch (migrations 0005, 0006) again: a request whose clientId the member has
-- written with before, on this measure, is a retry and changes nothing, even after a later write
-- replaced it (before, only the latest write's id was known, and a late retry of an older one put
-- the old stance back). Every write's id is remembered in position_writes.
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
        -- A clientId this member has written with before is a retry, however late: it changes nothing.
        and not exists (select 1 from position_writes w
                        where w.measure_id = ctx.measure_id and w.member_id = ctx.member_id and w.client_id = ctx.client_id)
    ), up as (
      insert into positions (measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, updated_at)
      select measure_id, member_id, stance, rationale, camp, stakeholder_group, client_id, p_updated_at from allowed
      on conflict (measure_id, member_id) do update set stance = excluded.stance, rationale = excluded.rationale,
        camp = excluded.camp, stakeholder_group = excluded.stakeholder_group, client_id = excluded.client_id,
        updated_at = excluded.updated_at
      returning measure_id, member_id
    ), changed as (
      select allowed.* from allowed join up using (measure_id, member_id)
    ), next_seq as (
      update forums f set seq = f.seq + c.n
      from (select forum_id, count(*)::int as n from changed group by forum_id) c
      where f.id = c.forum_id
      returning f.id, f.seq
    ), remembered as (
      insert into position_writes (measure_id, member_id, client_id)
      select measure_id, member_id, client_id from changed
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
