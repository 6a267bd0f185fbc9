// Records every request a page makes, from four independent observers, so a test can prove
// what the page fetched while loading and that it fetched nothing afterwards:
//   - playwright's page 'request' events (the page and its frames),
//   - playwright's context 'request' events (every page, popup and worker of the profile),
//   - the DevTools protocol's Network.requestWillBeSent (what the renderer asks the network
//     stack for, including requests playwright would not surface), plus WebSocket creation,
//   - the suite's static server log (what actually reached 127.0.0.1).
// Downloads of a `blob:` URL made by the page itself are not requests; if an observer ever
// reports one it is kept and counted like any other.

/**
 * Starts recording on `s` (from `start()`); call it before the first navigation.
 * Returns { entries, mark(), since(mark), serverSince(mark), stop() }.
 */
export async function recordNetwork(s) {
  const { page, ctx, server } = s;
  const entries = [];
  const add = (source, url, type) => entries.push({ source, url, type, at: entries.length });
  const onPage = (r) => add('page', r.url(), r.resourceType());
  const onCtx = (r) => add('context', r.url(), r.resourceType());
  const onSocket = (w) => add('page-websocket', w.url(), 'websocket');
  page.on('request', onPage);
  ctx.on('request', onCtx);
  page.on('websocket', onSocket);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => add('cdp', e.request.url, e.type));
  cdp.on('Network.webSocketCreated', (e) => add('cdp-websocket', e.url, 'websocket'));
  cdp.on('Network.eventSourceMessageReceived', (e) => add('cdp-eventsource', String(e.requestId), 'eventsource'));

  return {
    entries,
    /** A point in time: the numbers of entries and of server log lines so far. */
    mark: () => ({ entries: entries.length, server: server.requests.length }),
    since: (m) => entries.slice(m.entries),
    serverSince: (m) => server.requests.slice(m.server),
    async stop() {
      page.off('request', onPage);
      ctx.off('request', onCtx);
      page.off('websocket', onSocket);
      await cdp.detach().catch(() => {});
    },
  };
}

/** "source type url" lines, for assertion messages. */
export const describe = (list) => list.map((e) => `${e.source} ${e.type ?? e.method ?? ''} ${e.url}`).join('\n');
