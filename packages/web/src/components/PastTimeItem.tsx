import { DatePicker, Form } from 'antd';
import type { ReactNode } from 'react';
import { beijingNow, type dayjs, isFutureDay } from '../time';

interface Props {
  name: string;
  label: ReactNode;
  extra?: ReactNode;
  /** Shown when the field is empty. */
  requiredMessage: string;
  /** Shown when the chosen time is after now (Beijing). */
  futureMessage: string;
  /** An optional lower bound, compared to the minute, with the message shown when the time is before it. */
  earliest?: { time: dayjs.Dayjs; message: string };
  testId: string;
  /** Whether the input refuses typing (a phone then opens the picker, not a keyboard). Default true. */
  inputReadOnly?: boolean;
}

/**
 * A form field for a time that has already happened (a visit, a meeting, an alert step):
 * a minute-precision Beijing date-time picker that refuses future days and any time after now.
 */
export function PastTimeItem({
  name,
  label,
  extra,
  requiredMessage,
  futureMessage,
  earliest,
  testId,
  inputReadOnly = true,
}: Props) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required: true, message: requiredMessage },
        {
          validator: async (_rule, value: dayjs.Dayjs | undefined) => {
            if (value?.isAfter(beijingNow())) throw new Error(futureMessage);
            if (earliest && value?.isBefore(earliest.time, 'minute')) throw new Error(earliest.message);
          },
        },
      ]}
    >
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        disabledDate={isFutureDay}
        allowClear={false}
        inputReadOnly={inputReadOnly || undefined}
        data-testid={testId}
      />
    </Form.Item>
  );
}
