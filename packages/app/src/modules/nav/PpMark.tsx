/**
 * The Platform Portal mark: "PP" on a sky-to-violet tile. Drawn in SVG units (a 48 x 48 tile at
 * x, y); shared by the full and the collapsed sidebar logo. `idSuffix` keeps the gradient's id
 * unique when both logos are in the page.
 */
export const PpMark = ({
  x = 0,
  y = 0,
  idSuffix,
}: {
  x?: number;
  y?: number;
  idSuffix: string;
}) => {
  const gradientId = `pp-mark-gradient-${idSuffix}`;
  return (
    <g transform={`translate(${x} ${y})`}>
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#38bdf8" />
          <stop offset="1" stopColor="#a78bfa" />
        </linearGradient>
      </defs>
      <rect width="48" height="48" rx="12" fill={`url(#${gradientId})`} />
      <text
        x="24"
        y="32"
        textAnchor="middle"
        fontFamily="Helvetica, Arial, sans-serif"
        fontSize="22"
        fontWeight="700"
        letterSpacing="-1"
        fill="#0a0a0a"
      >
        PP
      </text>
    </g>
  );
};
