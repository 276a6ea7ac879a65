export {
  DEMO_DATA_TEXT,
  DemoDataBanner,
  OverviewNotices,
  SilenceNotices,
  silenceScope,
} from './HealthNotices';
