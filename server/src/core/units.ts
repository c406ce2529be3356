// Byte counts for people: binary units, whole numbers kept whole, otherwise at most two decimals
// without trailing zeros (12 MiB, 1.5 GiB, 0.98 TiB).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

export function humanBytes(bytes: number): string {
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v >= 100 || Number.isInteger(v) ? 0 : 2).replace(/\.0+$|(\.\d*[1-9])0+$/, '$1')} ${UNITS[i]}`;
}
