/** What a Monte Carlo position stands for (its loss is reported under this kind). */
export type PositionKind = 'staker' | 'vault' | 'lrt' | 'insurance';
