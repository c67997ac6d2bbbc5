// Runs the calls the Dyad app makes through the Vercel AI SDK's OpenAI-compatible provider against a gateway,
// and prints what the SDK made of each answer as one JSON object (JavaScriptClientsIT asserts on it).
// Usage: node ai-sdk.mjs <baseURL> <apiKey>
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, embedMany, generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

const [baseURL, apiKey] = process.argv.slice(2);
// As the Dyad app configures it: no includeUsage, so streams ask for no usage, yet the SDK reads it if sent.
const gateway = createOpenAICompatible({ name: 'dyad-gateway', baseURL, apiKey });
const tools = {
  get_weather: tool({
    description: 'The weather in a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `sunny in ${city}`,
  }),
  get_time: tool({
    description: 'The time in a time zone',
    inputSchema: z.object({ tz: z.string() }),
    execute: async ({ tz }) => `noon ${tz}`,
  }),
};

async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (e) {
    return APICallError.isInstance(e)
      ? { thrown: true, status: e.statusCode, body: JSON.parse(e.responseBody) }
      : { thrown: true, other: String(e) };
  }
}

const results = {};

const generated = await generateText({ model: gateway('vendor'), prompt: 'Say hello', maxRetries: 0 });
results.generate = { text: generated.text, finishReason: generated.finishReason, usage: generated.usage };

const streamed = streamText({
  model: gateway('vendor'),
  system: 'Be brief.',
  prompt: 'Say hello',
  maxRetries: 0,
});
const deltas = [];
for await (const delta of streamed.textStream) deltas.push(delta);
results.stream = { deltas, finishReason: await streamed.finishReason, usage: await streamed.usage };

const toolRun = await generateText({
  model: gateway('vendor'),
  prompt: 'What is the weather in Paris?',
  tools,
  stopWhen: stepCountIs(3),
  maxRetries: 0,
});
results.tools = {
  text: toolRun.text,
  calls: toolRun.steps.flatMap((step) => step.toolCalls.map((c) => ({ name: c.toolName, input: c.input }))),
  steps: toolRun.steps.length,
};

const toolStream = streamText({
  model: gateway('vendor'),
  prompt: 'What is the weather in Paris?',
  tools,
  stopWhen: stepCountIs(3),
  maxRetries: 0,
});
const partTypes = [];
for await (const part of toolStream.fullStream) partTypes.push(part.type);
results.toolStream = { text: await toolStream.text, partTypes };

const withImage = await generateText({
  model: gateway('vendor'),
  messages: [{
    role: 'user',
    content: [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', image: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), mediaType: 'image/png' },
    ],
  }],
  maxRetries: 0,
});
results.image = { text: withImage.text };

const embedded = await embedMany({ model: gateway.textEmbeddingModel('embedder'), values: ['a', 'bb'], maxRetries: 0 });
results.embeddings = { vectors: embedded.embeddings, usage: embedded.usage };

const stranger = createOpenAICompatible({ name: 'dyad-gateway', baseURL, apiKey: 'sk-dyad-not-a-real-key' });
results.badKey = await failure(() => generateText({ model: stranger('vendor'), prompt: 'x', maxRetries: 0 }));
results.unknownModel = await failure(() => generateText({ model: gateway('no-such-model'), prompt: 'x', maxRetries: 0 }));

const streamError = streamText({ model: gateway('no-such-model'), prompt: 'x', maxRetries: 0, onError: () => {} });
const errorParts = [];
for await (const part of streamError.fullStream) {
  if (part.type === 'error') errorParts.push({ status: part.error.statusCode, message: part.error.message });
}
results.streamError = errorParts;

console.log(JSON.stringify(results));
