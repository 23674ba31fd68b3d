"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  buildSegments,
  locate,
  totalDuration,
} from "@/app/(console)/_components/recording-player/timeline";

type File = { url: string; durationSec: number | null };

/**
 * One <audio> element playing a call's files back to back as one timeline. The stored
 * durations place the files until the browser reports the real ones.
 */
export function useTimelineAudio(files: File[], options: { onEnded?: () => void } = {}) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const [measured, setMeasured] = useState<Record<number, number>>({});
  const [fileIndex, setFileIndex] = useState(0);
  const [offset, setOffset] = useState(0);
  const [isPlaying, setPlaying] = useState(false);
  const [isBuffering, setBuffering] = useState(false);
  const [hasError, setError] = useState(false);
  const [rate, setRateState] = useState(1);
  const [volume, setVolumeState] = useState(1);
  const [isMuted, setMutedState] = useState(false);
  // A seek into another file waits until that file's metadata is loaded.
  const pending = useRef<{ offset: number; play: boolean } | null>(null);
  const onEndedRef = useRef(options.onEnded);
  useEffect(() => {
    onEndedRef.current = options.onEnded;
  }, [options.onEnded]);

  const segments = useMemo(
    () => buildSegments(files.map((f, i) => measured[i] ?? f.durationSec ?? 0)),
    [files, measured],
  );
  const total = totalDuration(segments);
  const position = (segments[fileIndex]?.start ?? 0) + offset;
  const src = files[fileIndex]?.url;

  const seek = useCallback(
    (time: number) => {
      const audio = audioRef.current;
      const target = locate(segments, Math.min(Math.max(0, time), total));
      setOffset(target.offset);
      if (target.index === fileIndex) {
        if (audio) audio.currentTime = target.offset;
        return;
      }
      pending.current = { offset: target.offset, play: isPlaying };
      setFileIndex(target.index);
    },
    [segments, total, fileIndex, isPlaying],
  );

  /** Seeks and plays from there (a link to a moment: a search hit). */
  const seekAndPlay = useCallback(
    (time: number) => {
      const audio = audioRef.current;
      const target = locate(segments, Math.min(Math.max(0, time), total));
      setOffset(target.offset);
      if (target.index === fileIndex) {
        if (audio) {
          // Before the metadata this is the start position the element loads from.
          audio.currentTime = target.offset;
          void audio.play().catch(() => setError(true));
        }
        return;
      }
      pending.current = { offset: target.offset, play: true };
      setFileIndex(target.index);
    },
    [segments, total, fileIndex],
  );

  const play = useCallback(async () => {
    const audio = audioRef.current;
    if (!audio) return;
    setError(false);
    try {
      await audio.play();
    } catch (error) {
      // An interrupted play() (a new src, a pause) is not a failure worth showing.
      if (error instanceof DOMException && error.name === "AbortError") return;
      setError(true);
    }
  }, []);

  const pause = useCallback(() => audioRef.current?.pause(), []);
  const toggle = useCallback(
    () => (audioRef.current?.paused === false ? pause() : void play()),
    [play, pause],
  );

  const setRate = useCallback((value: number) => {
    setRateState(value);
    if (audioRef.current) audioRef.current.playbackRate = value;
  }, []);
  const setVolume = useCallback((value: number) => {
    setVolumeState(value);
    if (audioRef.current) audioRef.current.volume = value;
  }, []);
  const setMuted = useCallback((value: boolean) => {
    setMutedState(value);
    if (audioRef.current) audioRef.current.muted = value;
  }, []);

  const reload = useCallback(() => {
    setError(false);
    audioRef.current?.load();
  }, []);

  // Event handlers read the latest values through refs (they are attached once).
  const fileIndexRef = useRef(fileIndex);
  const filesRef = useRef(files);
  const rateRef = useRef(rate);
  useEffect(() => {
    fileIndexRef.current = fileIndex;
    filesRef.current = files;
    rateRef.current = rate;
  }, [fileIndex, files, rate]);

  // Wire the element's events once per element.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    const onLoaded = () => {
      if (Number.isFinite(audio.duration))
        setMeasured((m) => ({ ...m, [fileIndexRef.current]: audio.duration }));
      audio.playbackRate = rateRef.current;
      const next = pending.current;
      pending.current = null;
      if (next) {
        audio.currentTime = next.offset;
        if (next.play) void audio.play().catch(() => setError(true));
      }
    };
    const onTime = () => setOffset(audio.currentTime);
    const onPlay = () => setPlaying(true);
    const onPause = () => setPlaying(false);
    const onWaiting = () => setBuffering(true);
    const onPlaying = () => setBuffering(false);
    const onError = () => {
      setBuffering(false);
      setPlaying(false);
      setError(true);
    };
    const onEnded = () => {
      const next = fileIndexRef.current + 1;
      if (next < filesRef.current.length) {
        pending.current = { offset: 0, play: true };
        setOffset(0);
        setFileIndex(next);
        return;
      }
      setPlaying(false);
      onEndedRef.current?.();
    };
    const events: Array<[string, () => void]> = [
      ["loadedmetadata", onLoaded],
      ["timeupdate", onTime],
      ["play", onPlay],
      ["pause", onPause],
      ["waiting", onWaiting],
      ["playing", onPlaying],
      ["canplay", onPlaying],
      ["error", onError],
      ["ended", onEnded],
    ];
    for (const [name, handler] of events) audio.addEventListener(name, handler);
    return () => {
      for (const [name, handler] of events) audio.removeEventListener(name, handler);
    };
  }, []);

  return {
    audioRef,
    src,
    fileIndex,
    segments,
    total,
    position,
    isPlaying,
    isBuffering,
    hasError,
    rate,
    volume,
    isMuted,
    play,
    pause,
    toggle,
    seek,
    seekAndPlay,
    setRate,
    setVolume,
    setMuted,
    reload,
  };
}
