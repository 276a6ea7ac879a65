import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The scaffolder action that writes the agent's logic with an LLM. */
export const LLM_LOGIC_ACTION_ID = 'pp:agent:llm-logic';
/** The file of the workspace it writes (the skeleton's deterministic one otherwise). */
export const AGENT_LOGIC_PATH = 'app/agent_logic.py';
/** The largest answer accepted, in characters. */
export const MAX_LOGIC_CHARS = 20_000;

/** The optional LLM step's configuration (`pp.orchestration.codegen.llm`). */
export interface LlmConfig {
  enabled: boolean;
  baseUrl?: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  maxTokens: number;
}

export function readLlmConfig(config: RootConfigService): LlmConfig {
  const llm = config.getOptionalConfig('pp.orchestration.codegen.llm');
  const enabled = llm?.getOptionalBoolean('enabled') ?? false;
  const out: LlmConfig = {
    enabled,
    baseUrl: llm?.getOptionalString('baseUrl'),
    apiKey: llm?.getOptionalString('apiKey'),
    model: llm?.getOptionalString('model'),
    timeoutMs: llm?.getOptionalNumber('timeoutMs') ?? 60_000,
    maxTokens: llm?.getOptionalNumber('maxTokens') ?? 2_000,
  };
  if (enabled && (!out.baseUrl || !out.apiKey || !out.model)) {
    throw new Error(
      'pp.orchestration.codegen.llm is enabled without baseUrl, apiKey and model: which endpoint would write the agent logic?',
    );
  }
  return out;
}

const SYSTEM_PROMPT = [
  'You write the logic of an AI agent service in Python 3.12.',
  'Answer with exactly one Python function and nothing else: no prose, no Markdown.',
  'Its signature is `def handle(task: dict) -> dict:`; it receives a task as a dict and returns a JSON-serialisable dict.',
  'Use only the Python standard library (no network, files, processes or environment variables); imports go inside the function.',
].join(' ');

/**
 * Patterns refused in an answer. A denylist of the obvious (processes, shells, dynamic code,
 * sockets), not a sandbox: the generated repository's CI and its review remain the guard.
 */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/\bsubprocess\b/, 'subprocess'],
  [/\bos\s*\.\s*(system|popen|exec\w*|spawn\w*|fork)\b/, 'os process calls'],
  [/\b(eval|exec|compile)\s*\(/, 'eval/exec/compile'],
  [/\b__import__\b/, '__import__'],
  [/\bimport\s+(socket|ctypes|pty|shutil)\b/, 'socket/ctypes/pty/shutil'],
  [
    /\bfrom\s+(socket|ctypes|pty|shutil|subprocess)\b/,
    'socket/ctypes/pty/shutil',
  ],
];

/**
 * Checks an LLM answer and returns the function's code, or throws with what is wrong: non-empty,
 * at most MAX_LOGIC_CHARS, has `def handle(`, none of the FORBIDDEN patterns. A Markdown code
 * fence around it is removed. (The code is not parsed nor run here.)
 */
export function validateAgentLogic(answer: unknown): string {
  if (typeof answer !== 'string' || !answer.trim()) {
    throw new Error('the LLM answered no code');
  }
  const code = answer
    .trim()
    .replace(/^```[a-zA-Z]*\s*\n/, '')
    .replace(/\n```\s*$/, '')
    .trim();
  if (code.length > MAX_LOGIC_CHARS) {
    throw new Error(
      `the LLM's code is ${code.length} characters, more than ${MAX_LOGIC_CHARS}`,
    );
  }
  if (!/^\s*def handle\(/m.test(code)) {
    throw new Error("the LLM's code has no `def handle(` function");
  }
  for (const [pattern, what] of FORBIDDEN) {
    if (pattern.test(code)) {
      throw new Error(`the LLM's code uses ${what}, which is not allowed`);
    }
  }
  return code;
}

/**
 * `pp:agent:llm-logic`: asks an OpenAI-compatible endpoint (`POST {baseUrl}/chat/completions`)
 * for the agent's `handle(task)` function and writes it to `app/agent_logic.py`, replacing the
 * skeleton's deterministic one. Any failure (disabled, timeout, non-2xx, invalid answer) fails the
 * step with the reason. The key comes from config, never from the task's parameters.
 */
export function createLlmLogicAction(options: {
  llm: LlmConfig;
  fetch?: typeof fetch;
}) {
  const { llm } = options;
  const doFetch = options.fetch ?? fetch;
  return createTemplateAction({
    id: LLM_LOGIC_ACTION_ID,
    description:
      "Writes the agent's handle(task) logic (app/agent_logic.py) with an OpenAI-compatible LLM (pp.orchestration.codegen.llm).",
    schema: {
      input: {
        agentName: z => z.string().describe('The agent name.'),
        industry: z => z.string().describe('The industry (as shown).'),
        specialty: z => z.string().describe('The specialty (as shown).'),
        description: z =>
          z.string().optional().describe('What the agent does.'),
      },
      output: {
        path: z => z.string().describe('The file written.'),
        model: z => z.string().describe('The model that wrote it.'),
      },
    },
    async handler(ctx) {
      if (!llm.enabled || !llm.baseUrl || !llm.apiKey || !llm.model) {
        throw new Error(
          "The LLM step is not enabled (pp.orchestration.codegen.llm): the agent's logic cannot be written by an LLM",
        );
      }
      const { agentName, industry, specialty, description } = ctx.input;
      const url = `${llm.baseUrl.replace(/\/+$/, '')}/chat/completions`;
      ctx.logger.info(
        `Asking ${llm.model} for the logic of ${agentName} (${industry}, ${specialty})`,
      );
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${llm.apiKey}`,
          },
          body: JSON.stringify({
            model: llm.model,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              {
                role: 'user',
                content: [
                  `Agent: ${agentName}`,
                  `Industry: ${industry}`,
                  `Specialty: ${specialty}`,
                  `What it does: ${description ?? 'an AI agent'}`,
                  'Write its handle(task) function.',
                ].join('\n'),
              },
            ],
            max_tokens: llm.maxTokens,
            temperature: 0,
          }),
          signal: AbortSignal.timeout(llm.timeoutMs),
        });
      } catch (error) {
        const name = (error as Error)?.name;
        throw new Error(
          name === 'TimeoutError' || name === 'AbortError'
            ? `The LLM did not answer within ${llm.timeoutMs} ms`
            : `The LLM could not be reached: ${
                (error as Error)?.message ?? error
              }`,
        );
      }
      if (!res.ok) {
        const text = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(
          `The LLM answered HTTP ${res.status}${text ? `: ${text}` : ''}`,
        );
      }
      let content: unknown;
      try {
        const body = (await res.json()) as any;
        content = body?.choices?.[0]?.message?.content;
      } catch {
        throw new Error('The LLM answered something that is not JSON');
      }
      let code: string;
      try {
        code = validateAgentLogic(content);
      } catch (error) {
        throw new Error(
          `The LLM's answer was refused: ${(error as Error).message}`,
        );
      }
      const file = join(ctx.workspacePath, AGENT_LOGIC_PATH);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(
        file,
        `"""The logic of ${agentName}, written by ${llm.model} (Platform Portal LLM step)."""\n\n\n${code}\n`,
      );
      ctx.logger.info(`Wrote ${AGENT_LOGIC_PATH} (${code.length} characters)`);
      ctx.output('path', AGENT_LOGIC_PATH);
      ctx.output('model', llm.model);
    },
  });
}
