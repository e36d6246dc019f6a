/** The Trellis logo: a small lattice in a rounded square. */
export function TrellisMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="var(--mantine-color-teal-7)" />
      <path d="M9 7v18M16 7v18M23 7v18M7 11h18M7 18h18" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
