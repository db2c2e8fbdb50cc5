/* global document, location */
// The page's script: GraphiQL on this server's /graphql. Bundled by build.mjs into graphiql.js.
import './monaco-environment.mjs';
import 'graphiql/style.css';
import './ide-page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const endpoint = new URL('/graphql', location.href);
const subscriptions = new URL(endpoint);
subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// What a newcomer sees first: how to sign in, and where the token goes.
const FIRST_QUERY = `# Welcome to the Commons GraphQL API.
#
# To act as a member:
#  1. Put your email and password below, and run
#     this mutation (the ▶ button).
#  2. Copy the "token" from the answer.
#  3. Open "Headers" below and write
#     { "Authorization": "Bearer <the token>" }
# Requests from this tab then act as you, subscriptions
# too. The book icon (left) lists every operation.

mutation SignIn {
  login(email: "you@example.coop", password: "your password") {
    token
    member {
      name
      roles
    }
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: endpoint.href, subscriptionUrl: subscriptions.href });

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: FIRST_QUERY,
    defaultEditorToolsVisibility: 'headers',
    // A token is a password for as long as it lives: it stays in this tab only, unless the user chooses otherwise.
    shouldPersistHeaders: false,
  }),
);
