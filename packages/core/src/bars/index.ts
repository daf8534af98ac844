// Getting bars in: parsing, validation, time ordering.
export { askedTime } from "./asked-time";
export {
  type BarColumns,
  barColumns,
  barFieldNamed,
  barSymbol,
  headerName,
  NUMERIC_FIELDS,
  type NumericField,
  symbolColumnOf,
} from "./columns";
export { parseBarsCsv } from "./csv";
export { decimalCell } from "./decimal";
export { BarsError, cutQuoted, needsEscaping, quotedCell, quotedText } from "./errors";
export { type JsonTimeReader, jsonBars, parseBarsJson } from "./json";
export { isJsonObject } from "./json-object";
export { misnamedBarFields, misnamedOptionalFields, POLYGON_BAR_KEYS } from "./misnamed-fields";
export { SeriesSymbol } from "./one-series";
export {
  barProblem,
  PRICE_RANGE,
  priceIsValid,
  priceProblem,
  VOLUME_MAX,
  volumeIsValid,
  volumeProblem,
} from "./rule";
export {
  AMBIGUOUS_DIGITS,
  ambiguousDate,
  calendarDateValue,
  instantOutsideYears,
  instantValue,
  isoDateTimeValue,
  isoDateValue,
  LAST_INSTANT,
  timeValue,
} from "./time";
export { type TimeStyle, timeStyle } from "./time-style";
export { notAfterPrevious, validateBars } from "./validate";
