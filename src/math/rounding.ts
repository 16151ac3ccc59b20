/** Every integer division in stakemesh names its direction; there is no default. */
export type Rounding = 'down' | 'up';
