import { describe, expect, it } from 'vitest';
import { businessDaysBefore, closeOutOf, firstNoticeDay, settlementOf } from '../../../src/shared/futures-delivery';

describe('when IB may close out an expiring future', () => {
  it('counts business days over weekends', () => {
    expect(businessDaysBefore('20261130', 3)).toBe('20261125'); // Monday back to Wednesday
    expect(businessDaysBefore('20261127', -1)).toBe('20261130'); // Friday on to Monday
  });

  it('knows the exchanges\' first notice days from the last trading day', () => {
    // Corn December: trades to the business day before the 15th, first notice on the last business day of November.
    expect(firstNoticeDay('ZC', '20261214')).toBe('20261130');
    // Natural gas January: stops trading three business days before 1 January; first notice the next business day.
    expect(firstNoticeDay('NG', '20261229')).toBe('20261230');
    // Heating oil February: stops on the last business day of January (a Friday), first notice the Monday after.
    expect(firstNoticeDay('HO', '20270129')).toBe('20270201');
    expect(firstNoticeDay('ES', '20261218')).toBeNull();
    expect(firstNoticeDay('XX', '20261218')).toBeNull();
  });

  it('cuts a long off ahead of first notice and a short ahead of the last trade; a cash-settled future at its last trade', () => {
    expect(closeOutOf('ZN', '20261222', 1)).toMatchObject({ settlement: 'physical', date: '20261125', firstNotice: '20261130' });
    expect(closeOutOf('ZN', '20261222', -1)).toMatchObject({ settlement: 'physical', date: '20261217' });
    expect(closeOutOf('ES', '20261218', 1)).toMatchObject({ settlement: 'cash', date: '20261218' });
    expect(closeOutOf('XX', '20261229', 1)).toMatchObject({ settlement: 'unknown', date: '20261124' });
    expect(settlementOf('MES')).toBe('cash');
    expect(settlementOf('GC')).toBe('physical');
  });
});
