import { Text, type TextProps } from '@mantine/core';
import type { SyntheticEvent } from 'react';
import { exactTime, relativeTime } from './relative-time';

interface RelativeTimeProps extends TextProps {
  /** ISO 8601, as the API gives instants. */
  at: string;
  /** Words before the time, inside the same element: "created ". */
  prefix?: string;
}

/**
 * A moment as "5 min ago", the exact time on hover. The browser's own tooltip (`title`) shows it,
 * written when the pointer first arrives: lists render hundreds of these, and the
 * first exact time formatted costs tens of milliseconds (the browser loads its time zone data).
 */
export function RelativeTime({ at, prefix = '', ...text }: RelativeTimeProps) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <Text {...text}>{at}</Text>;
  const explain = (event: SyntheticEvent<HTMLElement>) => {
    if (!event.currentTarget.title) event.currentTarget.title = exactTime(date);
  };
  return (
    <Text component="time" dateTime={at} onPointerEnter={explain} {...text}>
      {prefix}
      {relativeTime(date)}
    </Text>
  );
}
