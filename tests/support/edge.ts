// The domain functions as the edge calls them: each input parsed first by the same schema its
// route handler uses (lib/core/validation.ts), defaults filled in. Tests then write inputs as a
// client would send them, and a schema's defaults and refusals are part of what they exercise.
import type { z } from "zod";
import { createToken as createTokenTyped } from "@/lib/auth/api-tokens";
import { DomainError } from "@/lib/core/errors";
import * as v from "@/lib/core/validation";
import { createForum as createForumTyped, joinForum as joinForumTyped, updateForum as updateForumTyped } from "@/lib/forum/forums";
import { changeRole as changeRoleTyped, updateProfile as updateProfileTyped } from "@/lib/forum/members";
import { giveFloor as giveFloorTyped, requestFloor as requestFloorTyped } from "@/lib/forum/speakers";
import { exportDataset as exportDatasetTyped } from "@/lib/insight/exports";
import { addComment as addCommentTyped } from "@/lib/measure/comments";
import { addCoauthor as addCoauthorTyped, changeStatus as changeStatusTyped, proposeMeasure as proposeMeasureTyped } from "@/lib/measure/commands";
import { objectToSilence as objectToSilenceTyped, openDecision as openDecisionTyped } from "@/lib/measure/decisions";
import { takePosition as takePositionTyped } from "@/lib/measure/positions";
import { chooseAlternative as chooseAlternativeTyped, proposeAlternative as proposeAlternativeTyped } from "@/lib/text/alternatives";
import { proposeAmendment as proposeAmendmentTyped, rejectAmendment as rejectAmendmentTyped } from "@/lib/text/amendments";
import { editParagraph as editParagraphTyped, settleParagraph as settleParagraphTyped } from "@/lib/text/paragraphs";
import { rewriteText as rewriteTextTyped } from "@/lib/text/revisions";

type In<S extends z.ZodType> = z.input<S>;

export const createForum = async (userId: string, input: In<typeof v.createForumInput>) => createForumTyped(userId, v.createForumInput.parse(input));
export const joinForum = async (userId: string, input: In<typeof v.joinForumInput>) => joinForumTyped(userId, v.joinForumInput.parse(input));
export const updateForum = async (userId: string, forumId: string, input: In<typeof v.updateForumInput>) =>
  updateForumTyped(userId, forumId, v.updateForumInput.parse(input));
export const changeRole = async (userId: string, forumId: string, memberId: string, input: In<typeof v.changeRoleInput>) =>
  changeRoleTyped(userId, forumId, memberId, v.changeRoleInput.parse(input));
export const updateProfile = async (userId: string, forumId: string, input: In<typeof v.membershipProfile>) =>
  updateProfileTyped(userId, forumId, v.membershipProfile.parse(input));
export const requestFloor = async (userId: string, forumId: string, input: In<typeof v.requestFloorInput>) =>
  requestFloorTyped(userId, forumId, v.requestFloorInput.parse(input));
export const giveFloor = async (userId: string, forumId: string, input: In<typeof v.giveFloorInput>, now?: Date) =>
  giveFloorTyped(userId, forumId, v.giveFloorInput.parse(input), now);
export const proposeMeasure = async (userId: string, forumId: string, input: In<typeof v.proposeMeasureInput>) =>
  proposeMeasureTyped(userId, forumId, v.proposeMeasureInput.parse(input));
export const changeStatus = async (userId: string, measureId: string, input: In<typeof v.changeStatusInput>) =>
  changeStatusTyped(userId, measureId, v.changeStatusInput.parse(input));
export const addCoauthor = async (userId: string, measureId: string, input: In<typeof v.coauthorInput>) =>
  addCoauthorTyped(userId, measureId, v.coauthorInput.parse(input));
export const takePosition = async (userId: string, measureId: string, input: In<typeof v.takePositionInput>) =>
  takePositionTyped(userId, measureId, v.takePositionInput.parse(input));
export const addComment = async (userId: string, measureId: string, input: In<typeof v.addCommentInput>) =>
  addCommentTyped(userId, measureId, v.addCommentInput.parse(input));
export const openDecision = async (userId: string, measureId: string, input: In<typeof v.openDecisionInput>, now?: Date) =>
  openDecisionTyped(userId, measureId, v.openDecisionInput.parse(input), now);
export const objectToSilence = async (userId: string, measureId: string, input: In<typeof v.objectionInput>, now?: Date) =>
  objectToSilenceTyped(userId, measureId, v.objectionInput.parse(input), now);
export const editParagraph = async (userId: string, paragraphId: string, input: In<typeof v.editParagraphInput>) =>
  editParagraphTyped(userId, paragraphId, v.editParagraphInput.parse(input));
export const settleParagraph = async (userId: string, paragraphId: string, input: In<typeof v.settleParagraphInput>) =>
  settleParagraphTyped(userId, paragraphId, v.settleParagraphInput.parse(input));
export const proposeAlternative = async (userId: string, measureId: string, input: In<typeof v.proposeAlternativeInput>) =>
  proposeAlternativeTyped(userId, measureId, v.proposeAlternativeInput.parse(input));
export const chooseAlternative = async (userId: string, alternativeId: string, input: In<typeof v.chooseAlternativeInput> = {}) =>
  chooseAlternativeTyped(userId, alternativeId, v.chooseAlternativeInput.parse(input));
export const rewriteText = async (userId: string, measureId: string, input: In<typeof v.rewriteTextInput>) =>
  rewriteTextTyped(userId, measureId, v.rewriteTextInput.parse(input));
export const proposeAmendment = async (userId: string, measureId: string, input: In<typeof v.proposeAmendmentInput>) =>
  proposeAmendmentTyped(userId, measureId, v.proposeAmendmentInput.parse(input));
export const rejectAmendment = async (userId: string, amendmentId: string, input: In<typeof v.rejectAmendmentInput>) =>
  rejectAmendmentTyped(userId, amendmentId, v.rejectAmendmentInput.parse(input));
export const createToken = async (userId: string, input: In<typeof v.createTokenInput>) => createTokenTyped(userId, v.createTokenInput.parse(input));
export const exportDataset = async (userId: string, forumId: string, dataset: string, input: In<typeof v.exportQuery> = {}) => {
  // The route answers an unknown dataset 404, as a path that names nothing.
  const params = v.exportParams.safeParse({ dataset });
  if (!params.success) throw new DomainError("not_found", params.error.issues[0]!.message);
  return exportDatasetTyped(userId, forumId, params.data.dataset, v.exportQuery.parse(input));
};
