// The README's walk-through through a client generated from the API's own OpenAPI document:
// openapi-typescript writes generated/schema.d.ts from it, openapi-fetch calls the API with those types,
// and tsc checks every path, parameter and body below against them before anything runs.
// API_BASE_URL names the running LocalHost (the .NET test that runs this starts one).
import assert from "node:assert/strict";
import { test } from "node:test";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Problem = components["schemas"]["Problem"];

const baseUrl = process.env.API_BASE_URL;
if (!baseUrl) {
  throw new Error("Set API_BASE_URL to the API's address, such as http://127.0.0.1:7071.");
}

const api = createClient<paths>({ baseUrl });

async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (holds(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Still not so after 10 s: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("create, get (ETag, then 304), confirm, list", async () => {
  const customerId = `ts-${crypto.randomUUID()}`;

  const created = await api.POST("/api/commands/CreateOrder", {
    body: { customerId, lines: [{ sku: "A-1", quantity: 2, unitPrice: 9.5 }] },
  });
  assert.equal(created.response.status, 201);
  const orderId = created.data!.orderId;

  const order = await api.GET("/api/queries/GetOrder", { params: { query: { orderId } } });
  assert.equal(order.response.status, 200);
  assert.equal(order.data?.status, "Created");
  assert.equal(order.data?.total, 19);
  const etag = order.response.headers.get("ETag");
  assert.ok(etag, "a query answer carries an ETag");

  const unchanged = await api.GET("/api/queries/GetOrder", {
    params: { query: { orderId }, header: { "If-None-Match": etag } },
  });
  assert.equal(unchanged.response.status, 304);

  const confirmed = await api.POST("/api/commands/ConfirmOrder", { body: { orderId } });
  assert.equal(confirmed.response.status, 200);

  const list = await eventually(
    () => api.GET("/api/queries/ListOrders", { params: { query: { customerId } } }),
    (page) => page.data?.items[0]?.status === "Confirmed",
    "ListOrders shows the order as Confirmed",
  );
  assert.deepEqual(list.data?.items, [{ orderId, status: "Confirmed", total: 19 }]);
  assert.equal(list.data?.continuationToken, undefined);
});

test("a list too long for one page is read by following its continuation token", async () => {
  const customerId = `ts-pages-${crypto.randomUUID()}`;
  const placed = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const created = await api.POST("/api/commands/CreateOrder", { body: { customerId, lines: [{ sku: "P", quantity: 1, unitPrice: 1 }] } });
    placed.add(created.data!.orderId);
  }

  const readAll = async (): Promise<string[]> => {
    const ids: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await api.GET("/api/queries/ListOrders", { params: { query: { customerId, limit: 2, continuationToken } } });
      ids.push(...(page.data?.items ?? []).map((item) => item.orderId));
      continuationToken = page.data?.continuationToken ?? undefined;
    } while (continuationToken);
    return ids;
  };

  const listed = await eventually(readAll, (ids) => ids.length === placed.size, "all five orders are listed");
  assert.deepEqual(new Set(listed), placed);
});

test("a validation failure reads as a typed problem", async () => {
  const refused = await api.POST("/api/commands/CreateOrder", { body: { customerId: "c1", lines: [] } });

  assert.equal(refused.response.status, 400);
  assert.equal(refused.response.headers.get("Content-Type"), "application/problem+json; charset=utf-8");
  const problem: Problem | undefined = refused.error;
  assert.equal(problem?.code, "validation_failed");
  assert.ok(problem?.errors?.["lines"]?.length, "the problem names the invalid field");
});
