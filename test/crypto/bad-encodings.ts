/** Encodings every decoder of the project must refuse (shared by the noble and libsodium tests). */
// RFC 9496 §A.2: point encodings that must be rejected (a few from each class).
export const BAD_POINTS = [
  // non-canonical field encodings
  '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // negative field elements
  '0100000000000000000000000000000000000000000000000000000000000000',
  '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // non-square x^2
  '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
  // negative xy value
  '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
  // s = -1 / zero t
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
