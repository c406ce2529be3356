// Text from a file (an LV name, a creation host, a device hint, a command as written) placed in
// hover markdown is data: every character Markdown or HTML would read is escaped, so a name like
// `![x](https://host/p.png)` shows as written and loads nothing, `<img>` stays text, and a line
// break in a name cannot start a heading or a table row. Control and line separator characters
// become U+FFFD.
// Names never start a line here (control characters and line breaks are replaced first), so list
// and heading markers (-, +, 1.) need no escape; emphasis, code, links, images and tables do.
const SPECIAL = /[\\`*_{}[\]()#!|~]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function mdText(s: string): string {
  return s
    .replace(CONTROL, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIAL, '\\$&');
}
