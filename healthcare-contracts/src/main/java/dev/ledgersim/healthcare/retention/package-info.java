/** The Australian medical-record retention rule of seed A (HEALTHCARE.md §8.8). */
package dev.ledgersim.healthcare.retention;
