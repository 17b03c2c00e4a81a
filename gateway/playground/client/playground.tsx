// The browser side of the playground (bundled by ../build-playground.ts; not part of the Node build).
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const ASSETS = '/playground/assets';

// Monaco's workers are bundled beside this script; nothing is fetched from elsewhere.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    const file = label === 'json' ? 'json.worker' : label === 'graphql' ? 'graphql.worker' : 'editor.worker';
    return new Worker(`${ASSETS}/${file}.js`);
  },
};

interface Role {
  id: string;
  label: string;
  group: string;
}
interface Example {
  group: string;
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}
interface Setup {
  purposeHeader: string;
  examplePurpose: string;
  roles: Role[];
  examples: Example[];
}
interface Session {
  role: string;
  token: string | null;
  subject?: string;
  scope?: string;
  consent?: { operatorUscc: string; evaluatorSubject: string; purpose: string; expiresAt: string };
}
interface GraphQLResult {
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Editor tabs live in memory: a reload starts from the saved examples, not from another role's leftovers. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

/** Header values travel as bytes: UTF-8 (e.g. 贷款申请) is sent byte by byte, as the gateway decodes it. */
function utf8AsLatin1(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

/** "2 errors: UNAUTHORIZED_FIELD_OR_TYPE ×2": what came back, at a glance. */
function summarise(result: GraphQLResult): string {
  const errors = result.errors ?? [];
  if (errors.length === 0) return 'No errors';
  const byCode = new Map<string, number>();
  for (const e of errors) byCode.set(e.extensions?.code ?? 'ERROR', (byCode.get(e.extensions?.code ?? 'ERROR') ?? 0) + 1);
  const codes = [...byCode].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
  return `${errors.length} error${errors.length > 1 ? 's' : ''}: ${codes}`;
}

function Playground({ setup }: { setup: Setup }) {
  const [session, setSession] = useState<Session>({ role: 'anonymous', token: null });
  const [status, setStatus] = useState('Anonymous: no token');
  const [purpose, setPurpose] = useState('');
  const [exampleIndex, setExampleIndex] = useState(0);
  const [lastResult, setLastResult] = useState('');
  const storage = useMemo(memoryStorage, []);
  // The fetcher reads the current role and purpose at send time, so switching never remounts the editor.
  const current = useRef({ token: null as string | null, purpose: '' });
  current.current = { token: session.token, purpose };

  const chooseRole = useCallback(
    async (roleId: string) => {
      setStatus('Minting a development token…');
      const response = await fetch('/playground/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: roleId }),
      });
      const body = (await response.json()) as Session & { error?: string };
      if (!response.ok) {
        setStatus(`Token refused: ${body.error ?? response.status}`);
        return;
      }
      setSession(body);
      const role = setup.roles.find((r) => r.id === roleId);
      const first = setup.examples.findIndex((e) => e.group === role?.group);
      if (first >= 0) setExampleIndex(first);
      if (body.consent) setPurpose(body.consent.purpose);
      else if (role?.group !== 'evaluator') setPurpose('');
      setStatus(
        body.token
          ? `${body.subject} · scope: ${body.scope ?? '(none)'}` +
              (body.consent ? ` · consent of ${body.consent.operatorUscc} for “${body.consent.purpose}”` : '')
          : 'Anonymous: no token',
      );
    },
    [setup],
  );

  const fetcher = useCallback(
    async (params: { operationName?: string | null }, options?: { headers?: Record<string, unknown> }) => {
      const { token, purpose: sentPurpose } = current.current;
      // The schema is read anonymously: evaluators may run registered operations only, introspection included.
      const introspecting = params.operationName === 'IntrospectionQuery';
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = String(value);
      if (!introspecting && token) headers.authorization = `Bearer ${token}`;
      if (!introspecting && sentPurpose.trim()) headers[setup.purposeHeader] = utf8AsLatin1(sentPurpose.trim());
      if (!introspecting) setLastResult('Running…');
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
      const result = (await response.json()) as GraphQLResult;
      if (!introspecting) setLastResult(summarise(result));
      return result;
    },
    [setup],
  );

  const example = setup.examples[exampleIndex];
  useEffect(() => setLastResult(''), [exampleIndex]);
  const groups = [...new Set(setup.examples.map((e) => e.group))];

  return (
    <div className="playground">
      <header className="playground-bar">
        <label>
          Role{' '}
          <select data-testid="role" value={session.role} onChange={(e) => void chooseRole(e.target.value)}>
            {setup.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Purpose ({setup.purposeHeader}){' '}
          <input
            data-testid="purpose"
            value={purpose}
            placeholder={`e.g. ${setup.examplePurpose}`}
            onChange={(e) => setPurpose(e.target.value)}
          />
        </label>
        <label>
          Example{' '}
          <select data-testid="example" value={exampleIndex} onChange={(e) => setExampleIndex(Number(e.target.value))}>
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                {setup.examples.map((e, i) =>
                  e.group === group ? (
                    <option key={i} value={i}>
                      {e.name}
                    </option>
                  ) : null,
                )}
              </optgroup>
            ))}
          </select>
        </label>
        <span data-testid="session" className="playground-session">
          {status}
        </span>
        <span data-testid="result-summary" className="playground-result">
          {lastResult}
        </span>
      </header>
      <main className="playground-editor">
        <GraphiQL
          key={exampleIndex}
          fetcher={fetcher as never}
          storage={storage}
          initialQuery={example?.query}
          initialVariables={example?.variables ? JSON.stringify(example.variables, null, 2) : undefined}
          defaultEditorToolsVisibility="variables"
        />
      </main>
    </div>
  );
}

async function start(): Promise<void> {
  const setup = (await (await fetch('/playground/setup.json')).json()) as Setup;
  createRoot(document.getElementById('playground') as HTMLElement).render(<Playground setup={setup} />);
}

void start();
