import { exportParams, exportQuery } from "@/lib/core/validation";
import { route } from "@/lib/http/route";
import { exportDataset } from "@/lib/insight/exports";

export const GET = route(
  { ids: { forumId: "Forum" }, params: exportParams, paramsNameARecord: true, query: exportQuery },
  async ({ user, ids, params, query }) => {
    const file = await exportDataset(user.id, ids.forumId, params.dataset, query);
    return new Response(file.body, {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` },
    });
  },
);
