// The time zones the forms offer, with the city each stands for. Any IANA
// zone is valid in the data; these are the ones a Herne–Luzhou visit uses.
export const ZONES = [
  { zone: "Europe/Berlin", city: "Herne" },
  { zone: "Asia/Shanghai", city: "Luzhou" },
] as const;
