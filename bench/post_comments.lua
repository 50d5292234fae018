-- wrk script for bench/discussion.py: signed-in readers post comments at a fixed rate.
--
-- wrk -t1 -cN -dSs -s bench/post_comments.lua http://host:port \
--     -- PATH RATE SESSIONS_FILE RESULTS_FILE FIRST_SERIAL CSRF
--
-- Each request claims the next slot of a fixed schedule (RATE a second), so a
-- free connection waits for its slot and a late one sends at once: posts go
-- out at the rate whatever the answers' latency, as long as connections are
-- free. Each answer's status and, for 201, the comment's id are appended to
-- RESULTS_FILE, which the benchmark counts in the database afterwards.
-- The load generator shares the server's two cores, so its CPU counts in the
-- page fall: wrk costs about 0.2 ms a post in all, an asyncio client 0.5-0.6.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } masthead_timespec;
int clock_gettime(int clock_id, masthead_timespec *tp);
]]
local clock = ffi.new("masthead_timespec")
local CLOCK_MONOTONIC = 1

local function now()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
    return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local WORDS = {
    "harbour", "ferry", "quay", "tide", "lighthouse", "council", "timetable", "island",
    "bridge", "clinic", "market", "school", "library", "winter", "fishing", "storm",
    "wall", "road", "bus", "village", "river", "heron", "orchard", "bakery", "choir",
    "festival", "museum", "mill", "chapel", "meadow", "budget", "survey", "pier",
    "allotment", "cycle", "lane", "parking", "tram", "plan", "vote", "harvest", "dunes",
}
local OPENERS = { "I think", "Surely", "In my view", "Honestly,", "Perhaps" }

local path, interval, sessions, results, serial, csrf
local next_slot, sent = 0, 0

function init(args)
    path = args[1]
    interval = 1 / tonumber(args[2])
    sessions = {}
    for line in io.lines(args[3]) do
        sessions[#sessions + 1] = line
    end
    results = assert(io.open(args[4], "a"))
    serial = tonumber(args[5])
    csrf = args[6]
    next_slot = now()
end

-- A distinct, civil comment: nine of the words in an order picked by the serial
-- (screening's repeat check sees no duplicates), as the Python client wrote them.
local function comment_text(n)
    -- Park and Miller's generator: its products stay below 2^53, so Lua's
    -- doubles compute it exactly.
    local state = n % 2147483646 + 1
    local pool = {}
    for i = 1, #WORDS do pool[i] = WORDS[i] end
    local picked = {}
    for i = 1, 9 do
        state = state * 48271 % 2147483647
        local j = i + state % (#pool - i + 1)
        pool[i], pool[j] = pool[j], pool[i]
        picked[i] = pool[i]
    end
    local opener = OPENERS[1 + n % #OPENERS]
    return string.format("%s the %s and the %s matter: %s (%d).", opener, picked[1], picked[2],
        table.concat(picked, " ", 3, 9), n)
end

local function form_encode(text)
    return (text:gsub("[^%w%-%._~ ]", function(c)
        return string.format("%%%02X", string.byte(c))
    end):gsub(" ", "+"))
end

function delay()
    local wait = next_slot - now()
    next_slot = next_slot + interval
    if wait <= 0 then
        return 0
    end
    return math.floor(wait * 1000 + 0.5)
end

function request()
    local n = serial + sent
    sent = sent + 1
    local session = sessions[(n % #sessions) + 1]
    return wrk.format("POST", path, {
        ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
        ["X-CSRFToken"] = csrf,
        ["Accept"] = "application/json",
        ["Content-Type"] = "application/x-www-form-urlencoded",
    }, "text=" .. form_encode(comment_text(n)))
end

function response(status, headers, body)
    if status == 201 then
        results:write("201 ", body:match('"id":%s*(%d+)') or "?", "\n")
    else
        results:write(status, " -\n")
    end
    results:flush()
end
