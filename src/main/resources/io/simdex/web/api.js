// Calls to the simdex API; a problem answer becomes an Error whose message is the problem's detail.

/** An error the API answered with: its status and what it said. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function answer(response) {
  const body = await response.text();
  let json = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (json && (json.detail || json.title)) || response.statusText);
  }
  return json;
}

/** GET a path with query parameters (an object; arrays repeat the parameter). */
export async function get(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    for (const one of [].concat(value)) {
      if (one !== undefined && one !== null && one !== "") {
        query.append(key, String(one));
      }
    }
  }
  const url = query.toString() ? path + "?" + query : path;
  return answer(await fetch(url, { headers: { Accept: "application/json" } }));
}

/** POST a JSON body. */
export async function post(path, body) {
  return answer(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  }));
}

/** The path of a paper's API resource. */
export function paperPath(id) {
  return "/api/papers/" + encodeURIComponent(id);
}

/** The API key for writes, kept for this browser tab only (session storage), never in the address. */
export function apiKey() {
  return sessionStorage.getItem("simdex.key") || "";
}

/** Keeps (or, when blank, forgets) the API key for this tab. */
export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem("simdex.key", key);
  } else {
    sessionStorage.removeItem("simdex.key");
  }
}

/** A write with the API key: PUT, DELETE or POST of a body (text as it is, anything else as JSON). */
export async function write(method, path, body, contentType = "application/json") {
  const headers = { Authorization: "Bearer " + apiKey(), Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
  }
  const response = await fetch(path, { method, headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return answer(response);
}
