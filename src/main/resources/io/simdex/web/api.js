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
