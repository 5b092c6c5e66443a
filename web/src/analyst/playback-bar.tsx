/**
 * Track playback: the day, play/pause, speed and a clock. While playing, one animation
 * frame loop advances the playback store's time; only readers of that store re-render.
 */
import { useEffect } from 'react';
import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { playbackStore, trackDateStore } from './analyst.store';

const DAY = 86_400;
const SPEEDS = [60, 300, 600, 1800];

/** `HH:MM` of seconds since midnight. */
export const clockText = (seconds: number): string => {
  const s = Math.max(0, Math.min(DAY - 1, Math.floor(seconds)));
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
};

export function PlaybackBar({ count, maxDate }: { count: number | null; maxDate: string }) {
  const { t } = useI18n();
  const playback = useStore(playbackStore);
  const date = useStore(trackDateStore);

  useEffect(() => {
    if (!playback.playing) return;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const dt = (now - last) / 1000;
      last = now;
      playbackStore.set((p) => ({ ...p, time: (p.time + dt * p.speed) % DAY }));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playback.playing]);

  return (
    <div className="analyst-playback" data-testid="playback">
      <input
        type="date"
        aria-label={t('analyst.tracks.date')}
        value={date ?? ''}
        max={maxDate}
        data-testid="track-date"
        onChange={(e) => e.target.value && trackDateStore.set(e.target.value)}
      />
      <button type="button" data-testid="play" onClick={() => playbackStore.set((p) => ({ ...p, playing: !p.playing }))}>
        {playback.playing ? `❚❚ ${t('analyst.tracks.pause')}` : `▶ ${t('analyst.tracks.play')}`}
      </button>
      <select
        aria-label={t('analyst.tracks.speed')}
        value={playback.speed}
        data-testid="speed"
        onChange={(e) => playbackStore.set((p) => ({ ...p, speed: Number(e.target.value) }))}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            ×{s}
          </option>
        ))}
      </select>
      <input
        type="range"
        min={0}
        max={DAY - 60}
        step={60}
        value={Math.floor(playback.time)}
        aria-label={t('analyst.tracks.date')}
        onChange={(e) => playbackStore.set((p) => ({ ...p, time: Number(e.target.value) }))}
      />
      <output className="clock" data-testid="clock">
        {clockText(playback.time)}
      </output>
      <span className="track-count">
        {count === null ? '' : count ? t('analyst.tracks.count', { n: count }) : t('analyst.tracks.none')}
      </span>
    </div>
  );
}
