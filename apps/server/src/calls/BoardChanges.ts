import type { TBoardChange } from "@caucus/shared";
import type { Logger } from "../logger.js";
import { type ChangeBus, LocalChangeBus } from "../platform/bus/ChangeBus.js";

/**
 * What changed on each workspace's calls board, for the board streams: in
 * this process alone (`LocalBoardChanges`), or shared with the other
 * instances through Redis (`RedisBoardChanges`). Keyed by workspace id.
 */
export type BoardChanges = ChangeBus<TBoardChange>;

/** Board changes within this process: one set of listeners per workspace. */
export class LocalBoardChanges extends LocalChangeBus<TBoardChange> {
  constructor(logger?: Logger) {
    super("board", logger);
  }
}
