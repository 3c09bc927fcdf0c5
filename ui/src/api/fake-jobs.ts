// The fake backend's long jobs: each step is announced to the listeners of its job and takes a
// little time, so that progress bars and the cancel button can be seen and tested.
import { ApiError } from './error'
import type { Progress } from './types.gen'

const listeners = new Map<string, (p: Progress) => void>()
const cancelled = new Set<string>()

export function listen(job: string, onProgress: (p: Progress) => void): () => void {
  listeners.set(job, onProgress)
  return () => {
    listeners.delete(job)
    cancelled.delete(job)
  }
}

/** One step of a fake job: refused with `cancelled` once the job was cancelled. */
export async function step(job: string, progress: Progress, ms = 300): Promise<void> {
  if (cancelled.has(job)) throw new ApiError('cancelled', '已取消，未写入任何内容')
  listeners.get(job)?.(progress)
  await new Promise((resolve) => setTimeout(resolve, ms))
  if (cancelled.has(job)) throw new ApiError('cancelled', '已取消，未写入任何内容')
}

export function cancel(job: string): Promise<boolean> {
  const running = listeners.has(job)
  if (running) cancelled.add(job)
  return Promise.resolve(running)
}
