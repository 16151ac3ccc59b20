/** Chain import (SPEC §11): reading logs from a node or a snapshot file. */
export const chainCodes = {
  RPC_FAILED: 'The JSON-RPC node kept failing after every retry',
  REORG_DETECTED: 'A block already imported was replaced on the chain (reorganisation below the confirmation depth)',
  BAD_LOG: 'A log does not match the EigenLayer event ABIs or the snapshot format',
  MANIFEST_MISMATCH: 'The manifest does not match the command log or the import options it resumes',
  WRONG_CHAIN: 'The JSON-RPC node serves another chain than the network imported',
  BAD_BLOCK_RANGE: 'The block range is empty or outside the chain',
} as const;
