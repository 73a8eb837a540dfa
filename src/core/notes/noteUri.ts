import { isStoredId } from '../progress/state';

/**
 * The path of a note: `/<id>/<title>.md`, so the tab shows the skill's title and the id stays exact. Slashes and
 * control characters in the title become spaces and it is cut short; the id is percent-encoded in its segment.
 */
export function notePath(id: string, title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in a tab title are exactly what this removes
  const readable = title.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim().slice(0, 80) || 'note';
  return `/${encodeURIComponent(id)}/${readable}.md`;
}

/**
 * The id a note path names, or undefined for any path `notePath` could not have made (a folder, another
 * extension, an id storage would reject, anything after the title). `..` and `.` mean nothing here: they are not ids.
 */
export function noteIdFromPath(path: string): string | undefined {
  return idFrom(/^\/([^/]+)\/[^/]+\.md$/.exec(path)?.[1]);
}

/** The id a note's folder (`/<id>`) names; VS Code looks at the folder before it saves a file in it. */
export function noteFolderId(path: string): string | undefined {
  return idFrom(/^\/([^/]+)$/.exec(path)?.[1]);
}

function idFrom(segment: string | undefined): string | undefined {
  if (!segment) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  if (id === '.' || id === '..' || !isStoredId(id)) return undefined;
  return id;
}
