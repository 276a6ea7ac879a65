import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AGENT_LOGIC_PATH,
  LlmConfig,
  createLlmLogicAction,
  readLlmConfig,
  validateAgentLogic,
} from './llmLogicAction';

const LOGIC = [
  'def handle(task: dict) -> dict:',
  '    leads = task.get("leads", [])',
  '    return {"qualified": [l for l in leads if l.get("score", 0) > 50]}',
].join('\n');

/* pp:agent:llm-logic against a local fake OpenAI-compatible endpoint (node http). */
describe('pp:agent:llm-logic', () => {
  let server: Server;
  let baseUrl: string;
  let handler: (req: IncomingMessage, res: ServerResponse, body: any) => void;
  const requests: Array<{ url?: string; headers: any; body: any }> = [];
  let root: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', c => (raw += c));
      req.on('end', () => {
        const body = raw ? JSON.parse(raw) : undefined;
        requests.push({ url: req.url, headers: req.headers, body });
        handler(req, res, body);
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(
    () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  beforeEach(() => {
    requests.length = 0;
    root = mkdtempSync(join(tmpdir(), 'pp-llm-logic-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const answer = (content: unknown) => (_: any, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { content } }] }));
  };
  const llm = (overrides: Partial<LlmConfig> = {}): LlmConfig => ({
    enabled: true,
    baseUrl,
    apiKey: 'sk-test-key-123',
    model: 'gpt-test',
    timeoutMs: 2_000,
    maxTokens: 800,
    ...overrides,
  });
  const run = async (config: LlmConfig) => {
    const ctx = {
      input: {
        agentName: 'Lead Hunter',
        industry: 'Sales',
        specialty: 'Lead prospecting',
        description: 'Finds and qualifies leads.',
      },
      workspacePath: root,
      logger: mockServices.logger.mock(),
      output: jest.fn(),
    } as any;
    await createLlmLogicAction({ llm: config }).handler(ctx);
    return ctx;
  };
  const written = () => readFileSync(join(root, AGENT_LOGIC_PATH), 'utf8');

  it('writes the returned function to app/agent_logic.py; the request carries the bearer key, the model and temperature 0', async () => {
    handler = answer(`\`\`\`python\n${LOGIC}\n\`\`\``);
    const ctx = await run(llm());
    expect(written()).toContain(LOGIC);
    expect(written()).toContain('written by gpt-test');
    expect(ctx.output).toHaveBeenCalledWith('path', AGENT_LOGIC_PATH);
    expect(requests).toHaveLength(1);
    const [req] = requests;
    expect(req.url).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer sk-test-key-123');
    expect(req.body).toMatchObject({
      model: 'gpt-test',
      max_tokens: 800,
      temperature: 0,
    });
    expect(req.body.messages[0].role).toBe('system');
    expect(req.body.messages[1].content).toContain('Lead Hunter');
    expect(req.body.messages[1].content).toContain('Lead prospecting');
    // the key is never logged
    const logged = JSON.stringify((ctx.logger.info as jest.Mock).mock.calls);
    expect(logged).not.toContain('sk-test-key-123');
  });

  it('a non-2xx answer fails with its status', async () => {
    handler = (_, res) => {
      res.writeHead(429);
      res.end('rate limited');
    };
    await expect(run(llm())).rejects.toThrow(
      'The LLM answered HTTP 429: rate limited',
    );
    expect(existsSync(join(root, AGENT_LOGIC_PATH))).toBe(false);
  });

  it('an endpoint slower than timeoutMs fails with the timeout', async () => {
    handler = (_, res) => setTimeout(() => answer(LOGIC)(_, res), 1_000);
    await expect(run(llm({ timeoutMs: 100 }))).rejects.toThrow(
      'The LLM did not answer within 100 ms',
    );
  });

  it.each([
    ['empty', '', 'the LLM answered no code'],
    ['no handle', 'def run(task):\n    return {}', 'no `def handle(`'],
    [
      'subprocess',
      `${LOGIC}\n    import subprocess`,
      'uses subprocess, which is not allowed',
    ],
    [
      'os.system',
      'def handle(task: dict) -> dict:\n    import os\n    os.system("rm -rf /")\n    return {}',
      'uses os process calls',
    ],
    ['too long', `${LOGIC}\n${'#'.repeat(21_000)}`, 'more than 20000'],
  ])('an invalid answer (%s) is refused', async (_, content, message) => {
    handler = answer(content);
    await expect(run(llm())).rejects.toThrow(message);
    expect(existsSync(join(root, AGENT_LOGIC_PATH))).toBe(false);
  });

  it('fails when the step is not enabled, without calling anything', async () => {
    await expect(run(llm({ enabled: false }))).rejects.toThrow(
      'The LLM step is not enabled',
    );
    expect(requests).toHaveLength(0);
  });

  it('validateAgentLogic keeps the function and strips a code fence', () => {
    expect(validateAgentLogic(`\`\`\`\n${LOGIC}\n\`\`\``)).toBe(LOGIC);
  });

  it('config: off by default (timeout 60 s); enabled needs baseUrl, apiKey and model', () => {
    expect(readLlmConfig(mockServices.rootConfig())).toMatchObject({
      enabled: false,
      timeoutMs: 60_000,
    });
    expect(() =>
      readLlmConfig(
        mockServices.rootConfig({
          data: {
            pp: { orchestration: { codegen: { llm: { enabled: true } } } },
          },
        }),
      ),
    ).toThrow('without baseUrl, apiKey and model');
  });
});
