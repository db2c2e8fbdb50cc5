import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import type { Client as WebSocketClient } from 'graphql-ws';

/**
 * One GraphQL client per signed-in session (a new one on sign-in and sign-out, so that nothing one member
 * read stays in the cache for the next). Same origin: HTTP to /graphql, subscriptions over graphql-ws on it,
 * loaded (and connected) only when a page first subscribes, which keeps it out of the first load.
 */
export function createGraphQLClient(token: string | undefined): Client {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  let socket: Promise<WebSocketClient> | undefined;
  const live = () =>
    (socket ??= import('graphql-ws').then(({ createClient }) => createClient({ url: socketUrl, connectionParams: headers, lazy: true })));
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              let stop: (() => void) | undefined;
              let stopped = false;
              live().then(
                (client) => {
                  if (!stopped) stop = client.subscribe(input, sink);
                },
                (error: unknown) => sink.error(error),
              );
              return {
                unsubscribe() {
                  stopped = true;
                  stop?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
