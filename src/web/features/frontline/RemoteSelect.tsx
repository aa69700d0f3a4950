import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';

interface Option {
  value: string;
  label: string;
}

/**
 * A Select whose options come from the server as the user types (after a short pause), for the customer
 * and colleague pickers; `load('')` gives the options shown before anything is typed.
 */
export function RemoteSelect(props: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  load: (q: string, signal: AbortSignal) => Promise<Option[]>;
  placeholder: string;
  notFound?: string;
  id?: string;
  testId?: string;
}) {
  const { value, onChange, load, placeholder, notFound, id, testId } = props;
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [isLoading, setIsLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setIsLoading(true);
    const timer = setTimeout(() => {
      load(query.trim(), controller.signal).then(
        (found) => {
          if (controller.signal.aborted) return;
          // Keep the chosen option visible even when a new search no longer lists it.
          setOptions((previous) => {
            const chosen = previous.find((o) => o.value === value);
            return chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
          });
          setIsLoading(false);
        },
        () => !controller.signal.aborted && setIsLoading(false),
      );
    }, 250);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // `value` only decides what to keep; a new choice needs no new search.
  }, [query, load]);

  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder}
      options={options}
      notFoundContent={isLoading ? <Spin size="small" /> : query ? notFound : null}
      style={{ width: '100%' }}
    />
  );
}
