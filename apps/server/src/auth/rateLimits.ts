import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../errors.js";
import { clientAddress } from "./clientAddress.js";

export interface RateLimitOptions {
  signInFailuresPerMinute: number;
  signUpsPerHour: number;
  invitationsPerHour: number;
  /**
   * Invitation previews and accepts per address and minute. Tokens carry
   * 256 random bits, so guessing is hopeless anyway; this bounds the
   * database work one address can cause.
   */
  invitationLookupsPerMinute: number;
  /** Presence reports one person may send per minute, all their tabs together. */
  presenceReportsPerMinute: number;
  /** Changes of name, email or password per person and hour. */
  accountChangesPerHour: number;
  /** Reset mails asked for per address and hour, and per mailbox and hour (a third of it). */
  passwordResetRequestsPerHour: number;
  /** Behind a proxy that sets X-Forwarded-For (nginx), take the address from it. */
  trustProxy: boolean;
}

/**
 * The limits on sign-in, sign-up and invitations, per address or person.
 * In memory per instance (rate-limiter-flexible has Redis stores with the
 * same interface for when instances share Redis).
 */
export class RateLimits {
  private readonly signInFailures: RateLimiterMemory;
  private readonly signUps: RateLimiterMemory;
  private readonly invitations: RateLimiterMemory;
  private readonly invitationLookups: RateLimiterMemory;
  private readonly presenceReports: RateLimiterMemory;
  private readonly accountChanges: RateLimiterMemory;
  private readonly resetRequests: RateLimiterMemory;
  private readonly resetMailbox: RateLimiterMemory;

  constructor(private readonly options: RateLimitOptions) {
    this.signInFailures = new RateLimiterMemory({ points: options.signInFailuresPerMinute, duration: 60 });
    this.signUps = new RateLimiterMemory({ points: options.signUpsPerHour, duration: 3600 });
    this.invitations = new RateLimiterMemory({ points: options.invitationsPerHour, duration: 3600 });
    this.presenceReports = new RateLimiterMemory({ points: options.presenceReportsPerMinute, duration: 60 });
    this.accountChanges = new RateLimiterMemory({ points: options.accountChangesPerHour, duration: 3600 });
    this.resetRequests = new RateLimiterMemory({
      points: options.passwordResetRequestsPerHour,
      duration: 3600,
    });
    this.resetMailbox = new RateLimiterMemory({
      points: Math.max(1, Math.floor(options.passwordResetRequestsPerHour / 3)),
      duration: 3600,
    });
    this.invitationLookups = new RateLimiterMemory({
      points: options.invitationLookupsPerMinute,
      duration: 60,
    });
  }

  /** The address a request came from. */
  clientAddress(c: Context): string {
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      // No socket behind the request (in-process `app.request` in tests).
    }
    return clientAddress(c.req.header("x-forwarded-for"), peer, this.options.trustProxy);
  }

  /** Throws 429 once this address has used up its wrong passwords for the minute. */
  async checkSignIn(address: string): Promise<void> {
    const state = await this.signInFailures.get(address);
    if (state && state.consumedPoints >= this.options.signInFailuresPerMinute) {
      throw new RateLimitedError(
        Math.ceil(state.msBeforeNext / 1000),
        "Too many wrong passwords from your network. Wait a minute, then try again.",
      );
    }
  }

  async recordSignInFailure(address: string): Promise<void> {
    await this.signInFailures.penalty(address, 1);
  }

  async consumeSignUp(address: string): Promise<void> {
    await consume(this.signUps, address, "Too many new accounts from your network. Try again in an hour.");
  }

  /** Bounds the presence writes one person causes (a tab reports every 4 s: 15 a minute). */
  async consumePresenceReport(userId: string): Promise<void> {
    await consume(
      this.presenceReports,
      userId,
      "Too many presence reports. Close some tabs, or wait a minute.",
    );
  }

  /** Previews and accepts of invitation links from one address. */
  async consumeInvitationLookup(address: string): Promise<void> {
    await consume(this.invitationLookups, address, "Too many invitation links tried. Wait a minute.");
  }

  /** A change of name, email or password: a stolen session cannot churn the account. */
  async consumeAccountChange(userId: string): Promise<void> {
    await consume(
      this.accountChanges,
      userId,
      "You have changed your account many times this hour. Try again later.",
    );
  }

  /**
   * A reset mail asked for, from `address` to `email`: bounds the mail one
   * network can send, and how often one mailbox can be flooded.
   */
  async consumePasswordResetRequest(address: string, email: string): Promise<void> {
    const message = "Many reset links were asked for. Check your mailbox, or try again in an hour.";
    await consume(this.resetRequests, address, message);
    await consume(this.resetMailbox, email.trim().toLowerCase(), message);
  }

  async consumeInvitation(userId: string): Promise<void> {
    await consume(this.invitations, userId, "You have created many invitations this hour. Try again later.");
  }
}

async function consume(limiter: RateLimiterMemory, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes)
      throw new RateLimitedError(Math.ceil(error.msBeforeNext / 1000), message);
    throw error;
  }
}
