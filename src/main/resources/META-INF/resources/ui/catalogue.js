// What the operations accept, read from the service's own API document (/q/openapi), which the server
// generates from the pipeline's enums: each filter with its amount's range, default and meaning, the
// watermark blend modes and the trim threshold. The editor keeps no copy of these, so it cannot drift.
import { get } from './api.js';
import { orElse } from './dom.js';

let once;

/** The catalogue, fetched once per page load. */
export function catalogue() {
  once = once || get('/q/openapi?format=json').then(read).catch((e) => {
    once = undefined;
    throw e;
  });
  return once;
}

function read(doc) {
  const schemas = doc.components.schemas;
  const resolve = (schema) => (schema.$ref ? schemas[schema.$ref.split('/').pop()] : schema);
  const filters = schemas.FilterOperation.oneOf.map(resolve).map(({ properties }) => {
    const { amount, color } = properties;
    return {
      name: orElse(properties.filter.const, properties.filter.enum[0]),
      min: amount.minimum,
      max: amount.maximum,
      defaultAmount: amount.default,
      step: stepFor(amount.minimum, amount.maximum, amount.default),
      meaning: amount.description,
      color: color ? { defaultValue: color.default, description: color.description } : null,
    };
  });
  const watermark = schemas.WatermarkOperation.properties;
  const trim = schemas.TrimOperation.properties.threshold;
  return {
    filters,
    blendModes: { values: watermark.mode.enum, defaultValue: watermark.mode.default, description: watermark.mode.description },
    trimThreshold: { min: trim.minimum, max: trim.maximum, defaultValue: trim.default, description: trim.description },
  };
}

/** A spinner step that lands on the range's ends and its default: 1 for wide whole-number ranges, else tenths or twentieths. */
function stepFor(min, max, defaultAmount) {
  const whole = [min, max, defaultAmount].every(Number.isInteger);
  if (whole && max - min > 10) return 1;
  return max - min <= 2 ? 0.05 : 0.1;
}
