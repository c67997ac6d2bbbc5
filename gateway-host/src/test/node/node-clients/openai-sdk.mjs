// Runs calls through OpenAI's official Node SDK against a gateway, including its helpers that check the
// stream's shape strictly, and prints what the SDK made of each answer as one JSON object (JavaScriptClientsIT
// asserts on it). Usage: node openai-sdk.mjs <baseURL> <apiKey>
import OpenAI from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];
const ask = [{ role: 'user', content: 'Say hello' }];

async function failure(call) {
  try {
    await call();
    return { thrown: false };
  } catch (e) {
    return e instanceof OpenAI.APIError
      ? { thrown: true, class: e.constructor.name, status: e.status, type: e.type, code: e.code, param: e.param, requestId: e.requestID ?? null }
      : { thrown: true, other: String(e) };
  }
}

const results = {};

const { data: completion, response } = await client.chat.completions
  .create({ model: 'vendor', messages: ask })
  .withResponse();
results.create = {
  content: completion.choices[0].message.content,
  finishReason: completion.choices[0].finish_reason,
  usage: completion.usage,
  requestId: response.headers.get('x-request-id'),
};

const stream = await client.chat.completions.create({
  model: 'vendor', messages: ask, stream: true, stream_options: { include_usage: true },
});
const deltas = [];
let usage = null;
for await (const chunk of stream) {
  for (const choice of chunk.choices) if (choice.delta.content) deltas.push(choice.delta.content);
  if (chunk.usage) usage = chunk.usage;
}
results.stream = { deltas, usage };

// The stream helper accumulates chunks into a completion and throws on a malformed chunk.
const runner = client.chat.completions.stream({ model: 'vendor', messages: ask, tools });
const final = await runner.finalChatCompletion();
results.streamHelper = {
  finishReason: final.choices[0].finish_reason,
  toolCalls: final.choices[0].message.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: JSON.parse(c.function.arguments) })),
};

// The SDK asks for base64 unless told otherwise, and decodes the vectors itself.
const embedded = await client.embeddings.create({ model: 'embedder', input: ['a', 'bb'] });
results.embeddings = { vectors: embedded.data.map((d) => d.embedding), usage: embedded.usage };

const models = [];
for await (const model of client.models.list()) models.push(model.id);
results.models = { listed: models, retrieved: (await client.models.retrieve('vendor')).id };

const stranger = new OpenAI({ baseURL, apiKey: 'sk-dyad-not-a-real-key', maxRetries: 0 });
results.badKey = await failure(() => stranger.chat.completions.create({ model: 'vendor', messages: ask }));
results.unknownModel = await failure(() => client.chat.completions.create({ model: 'no-such-model', messages: ask }));
results.emptyMessages = await failure(() => client.chat.completions.create({ model: 'vendor', messages: [] }));

console.log(JSON.stringify(results));
