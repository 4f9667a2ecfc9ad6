-- wrk scenario for the Orders API: `wrk ... -s orders.lua <url> -- <mode> <ids file> [delay ms]`.
--   cached  GET GetOrder of one order, over and over
--   mix     GET GetOrder of an order picked by Zipf(1.0) over the ids; 5 % ConfirmOrder of one picked the same way
--   create  POST CreateOrder
-- A delay (ms) between a connection's requests lowers the load to a chosen rate.
-- Each thread counts reads, writes and the X-Cache header of reads; done() prints one RESULT line of JSON.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local mode, ids, cdf, pause
reads, writes, hits, stale, misses = 0, 0, 0, 0, 0

local function load_ids(path)
  local list = {}
  for line in io.lines(path) do
    if #line > 0 then table.insert(list, line) end
  end
  return list
end

-- Zipf(1.0): the k-th most popular id is picked with probability proportional to 1/k.
local function zipf_cdf(n)
  local c, total = {}, 0
  for k = 1, n do total = total + 1 / k; c[k] = total end
  for k = 1, n do c[k] = c[k] / total end
  return c
end

local function pick()
  local r, lo, hi = math.random(), 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return ids[lo]
end

function init(args)
  mode = args[1] or "cached"
  pause = tonumber(args[3] or "0")
  if mode ~= "create" then
    ids = load_ids(args[2])
    cdf = zipf_cdf(#ids)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local json = { ["Content-Type"] = "application/json" }

function request()
  if mode == "create" then
    writes = writes + 1
    return wrk.format("POST", "/api/commands/CreateOrder", json,
      '{"customerId":"load-' .. math.random(1, 1000) .. '","lines":[{"sku":"A-1","quantity":2,"unitPrice":9.5}]}')
  end
  if mode == "mix" and math.random() < 0.05 then
    writes = writes + 1
    return wrk.format("POST", "/api/commands/ConfirmOrder", json, '{"orderId":"' .. pick() .. '"}')
  end
  reads = reads + 1
  local id = mode == "cached" and ids[1] or pick()
  return wrk.format("GET", "/api/queries/GetOrder?orderId=" .. id)
end

function response(status, headers, body)
  local cache = headers["X-Cache"] or headers["x-cache"]
  if cache == "hit" then hits = hits + 1
  elseif cache == "stale" then stale = stale + 1
  elseif cache == "miss" then misses = misses + 1 end
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local t = { reads = 0, writes = 0, hits = 0, stale = 0, misses = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do t[key] = t[key] + (thread:get(key) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"durationUs":%d,"socketErrors":%d,"timeouts":%d,"non2xx":%d,' ..
    '"p50Us":%d,"p95Us":%d,"p99Us":%d,"maxUs":%d,"reads":%d,"writes":%d,"hits":%d,"stale":%d,"misses":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    t.reads, t.writes, t.hits, t.stale, t.misses))
end
