/**
 * A fake GitHub REST API on 127.0.0.1 for the PR comment bot: issue comments (list, create, update) and pull request
 * review comments (list, create through a review), kept in memory and shared across runs like GitHub's, with every
 * request recorded. `forbid` makes every call a 403 whose message echoes the Authorization header, so a test can
 * prove the token never leaks through an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface IssueComment {
  id: number;
  body: string;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number;
  side: string;
  commit_id: string;
  body: string;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  issueComments: IssueComment[];
  reviewComments: ReviewComment[];
  forbid: boolean;
  /** Answer creating a review with 422, as GitHub does for a line outside the diff. */
  refuseReviews: boolean;
  close(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const state: Omit<FakeGitHub, 'url' | 'close'> = { requests: [], issueComments: [], reviewComments: [], forbid: false, refuseReviews: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = text ? JSON.parse(text) : undefined;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      state.requests.push({ method, path: url.pathname, authorization: req.headers.authorization, body });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(data));
      };
      if (state.forbid) return send(403, { message: `Resource not accessible by integration (${req.headers.authorization})`, documentation_url: 'https://docs.example/rest' });
      const b = (body ?? {}) as Record<string, unknown>;
      let m: RegExpExecArray | null;
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.exec(url.pathname))) {
        if (method === 'GET') return send(200, state.issueComments);
        if (method === 'POST') {
          const comment = { id: nextId++, body: String(b.body) };
          state.issueComments.push(comment);
          return send(201, comment);
        }
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
        const comment = state.issueComments.find((c) => c.id === Number(m![1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = String(b.body);
        return send(200, comment);
      }
      if (/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/comments$/.test(url.pathname) && method === 'GET') return send(200, state.reviewComments);
      if (/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/.test(url.pathname) && method === 'POST') {
        if (state.refuseReviews) return send(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
        for (const c of (b.comments ?? []) as Record<string, unknown>[]) {
          state.reviewComments.push({ id: nextId++, path: String(c.path), line: Number(c.line), side: String(c.side), commit_id: String(b.commit_id), body: String(c.body) });
        }
        return send(200, { id: nextId++, state: 'COMMENTED' });
      }
      return send(404, { message: `Not Found: ${method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
