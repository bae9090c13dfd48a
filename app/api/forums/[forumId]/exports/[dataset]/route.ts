import { exportDataset, exportQuery } from "@/lib/exports";
import { authed } from "@/lib/http";

export const GET = authed<{ forumId: string; dataset: string }>(async ({ req, user, params }) => {
  const file = await exportDataset(
    user.id,
    params.forumId,
    params.dataset,
    exportQuery.parse(Object.fromEntries(new URL(req.url).searchParams)),
  );
  return new Response(file.body, {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
